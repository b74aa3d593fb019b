import { useState } from 'react';
import { Icon } from '../../shared/Icon.tsx';
import { modKey } from '../../shared/format.ts';
import { useEditor } from '../store/useEditor.ts';
import { RunHeader } from './RunHeader.tsx';
import { RunHistory } from './RunHistory.tsx';
import { useLastRun } from '../session/useLastRun.ts';
import { RunInspector } from './inspector/RunInspector.tsx';
import { RunTree } from './RunTree.tsx';
import { Waterfall } from './Waterfall.tsx';
import { usePanelHeight } from './usePanelHeight.ts';

type Tab = 'run' | 'history';

export function RunPanel({ save }: { save: () => Promise<boolean> }) {
  const [tab, setTab] = useState<Tab>('run');
  const hasRun = useEditor((s) => s.run.runId !== null);
  const inspecting = useEditor((s) => s.inspected !== null);
  useLastRun();
  const { height, onPointerDown, collapsed, toggle } = usePanelHeight();

  return (
    <section
      className={`run-panel${collapsed ? ' is-collapsed' : ''}`}
      style={{ height: collapsed ? undefined : height }}
      aria-label="Run"
    >
      <div
        className="run-panel-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize run panel"
        onPointerDown={onPointerDown}
      />
      <div className="run-panel-bar">
        <div className="tabs" role="tablist" aria-label="Run panel">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'run'}
            className="tab"
            onClick={() => (setTab('run'), collapsed && toggle())}
          >
            <Icon name="list" size={14} /> Run log
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'history'}
            className="tab"
            onClick={() => (setTab('history'), collapsed && toggle())}
          >
            <Icon name="clock" size={14} /> History
          </button>
        </div>
        <RunHeader />
        <button
          type="button"
          className="icon-btn"
          aria-label={collapsed ? 'Expand run panel' : 'Collapse run panel'}
          onClick={toggle}
        >
          <Icon name={collapsed ? 'chevronRight' : 'chevronDown'} />
        </button>
      </div>
      {!collapsed && tab === 'run' && !hasRun && (
        <div className="run-empty">
          <Icon name="play" size={20} />
          <div>
            <strong>No run yet</strong>
            <p className="muted">
              Press <kbd>{modKey()} ↵</kbd> or <em>Run</em> to start the flow at its entry script. Executions, Stripe
              calls and log lines stream in here live; past runs are under History.
            </p>
          </div>
        </div>
      )}
      {!collapsed && tab === 'run' && hasRun && (
        <div className={`run-body${inspecting ? ' is-inspecting' : ''}`}>
          <RunTree />
          <Waterfall />
          <RunInspector save={save} />
        </div>
      )}
      {!collapsed && tab === 'history' && <RunHistory onOpen={() => setTab('run')} />}
    </section>
  );
}
