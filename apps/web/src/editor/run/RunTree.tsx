import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { treeRows, type TreeRow } from './model/treeRows.ts';
import { TreeRowView } from './TreeRowView.tsx';

const ROW_HEIGHT = 26;

const nodeOf = (row: TreeRow) => (row.type === 'request' ? row.request.nodeId : row.execution.nodeId);
const idOf = (row: TreeRow) =>
  row.type === 'request' ? row.request.id : row.type === 'execution' ? row.execution.id : null;

/** The run as a tree, virtualised: only the rows on screen are in the DOM, however many events arrive. */
export function RunTree() {
  const store = useEditorStoreApi();
  const version = useEditor((s) => s.run.version);
  const model = useEditor((s) => s.run.model);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the model is mutated in place; `version` marks each change.
  const rows = useMemo(() => treeRows(model, collapsed), [model, version, collapsed]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Follow the tail while the user has not scrolled up; the spacer already has the new height here.
  useEffect(() => {
    const element = scroller.current;
    if (follow.current && element) element.scrollTop = element.scrollHeight;
  }, [rows.length]);

  const toggle = useCallback((id: string) => {
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  const activate = useCallback(
    (row: TreeRow) => {
      setSelected(row.key);
      const state = store.getState();
      state.selectNode(nodeOf(row), true);
      state.inspect(
        row.type === 'request' ? { type: 'request', id: row.request.id } : { type: 'execution', id: row.execution.id },
      );
      // A failure's row goes where the script failed.
      const error = row.type === 'request' ? null : row.execution.error;
      if (error && row.type !== 'log') state.revealLocation(error.file, error.line, error.column);
    },
    [store],
  );

  return (
    <div
      ref={scroller}
      className="run-tree"
      role="tree"
      aria-label="Run log"
      onScroll={(e) => {
        const el = e.currentTarget;
        follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const id = idOf(row);
          return (
            <TreeRowView
              key={row.key}
              row={row}
              top={item.start}
              height={ROW_HEIGHT}
              runStart={model.startedAt ?? 0}
              selected={selected === row.key}
              expanded={id ? !collapsed.has(id) : undefined}
              onToggle={id ? () => toggle(id) : undefined}
              onActivate={() => activate(row)}
            />
          );
        })}
      </div>
    </div>
  );
}
