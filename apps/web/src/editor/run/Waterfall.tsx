import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatDuration } from '../../shared/format.ts';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { timeAxis, waterfallSpans } from './model/waterfallRows.ts';
import { WaterfallRow } from './WaterfallRow.tsx';

const ROW_HEIGHT = 26;

/** Every execution and Stripe call as a bar on one time axis, like a browser's network panel. */
export function Waterfall() {
  const store = useEditorStoreApi();
  const version = useEditor((s) => s.run.version);
  const model = useEditor((s) => s.run.model);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the model is mutated in place; `version` marks each change.
  const spans = useMemo(() => waterfallSpans(model), [model, version]);
  // Beside the inspector the track is narrow: fewer ticks, so their labels do not overlap.
  const inspecting = useEditor((s) => s.inspected !== null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the model is mutated in place; `version` marks each change.
  const axis = useMemo(() => timeAxis(model, inspecting ? 3 : 6), [model, version, inspecting]);
  const virtualizer = useVirtualizer({
    count: spans.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const span = axis.end - axis.start;
  const pct = (ms: number) => `${(ms / span) * 100}%`;

  return (
    <div className="waterfall" aria-label="Waterfall">
      <div className="waterfall-axis" aria-hidden="true">
        <div className="waterfall-label-col">Timeline</div>
        <div className="waterfall-track">
          {axis.ticks.map((t) => (
            <span key={t} className="waterfall-tick" style={{ left: pct(t) }}>
              {formatDuration(t)}
            </span>
          ))}
        </div>
      </div>
      <div ref={scroller} className="waterfall-scroll" role="list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          <div className="waterfall-grid" aria-hidden="true">
            {axis.ticks.map((t) => (
              <span key={t} style={{ left: pct(t) }} />
            ))}
          </div>
          {virtualizer.getVirtualItems().map((item) => {
            const row = spans[item.index]!;
            return (
              <WaterfallRow
                key={row.key}
                span={row}
                top={item.start}
                height={ROW_HEIGHT}
                axis={axis}
                now={model.lastTs ?? axis.end}
                onSelect={(nodeId) => {
                  store.getState().selectNode(nodeId, true);
                  store
                    .getState()
                    .inspect(
                      row.type === 'request'
                        ? { type: 'request', id: row.request.id }
                        : { type: 'execution', id: row.execution.id },
                    );
                }}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
