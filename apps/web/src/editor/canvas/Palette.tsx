import { STRIPE_KINDS } from '@fireflow/protocol';
import { useReactFlow } from '@xyflow/react';
import { Icon, type IconName } from '../../shared/Icon.tsx';
import { STRIPE_KIND_META } from '../../shared/kinds.ts';
import type { NodeTemplate } from '../graph/factory.ts';
import { KIND_ICON } from '../nodes/kindIcon.ts';
import { useEditorStoreApi } from '../store/useEditor.ts';
import { writePaletteDrag } from './paletteDrag.ts';
import { ShortcutList } from './ShortcutList.tsx';
import { freeSpot } from '../graph/freeSpot.ts';

interface Item {
  template: NodeTemplate;
  label: string;
  hint: string;
  icon: IconName;
  color: string;
}

const ITEMS: Item[] = [
  {
    template: { type: 'script' },
    label: 'Script',
    hint: 'JavaScript (QuickJS)',
    icon: 'code',
    color: 'var(--kind-script)',
  },
  ...STRIPE_KINDS.map((kind) => ({
    template: { type: 'stripe', kind } as const,
    label: STRIPE_KIND_META[kind].label,
    hint: `POST ${STRIPE_KIND_META[kind].path}`,
    icon: KIND_ICON[kind],
    color: STRIPE_KIND_META[kind].color,
  })),
  {
    template: { type: 'webhook' },
    label: 'Stripe webhook',
    hint: 'Starts on Stripe events',
    icon: 'bolt',
    color: 'var(--kind-webhook)',
  },
];

export function Palette() {
  const store = useEditorStoreApi();
  const { screenToFlowPosition } = useReactFlow();

  const addAtCenter = (template: NodeTemplate) => {
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    const center = canvas
      ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
      : { x: 400, y: 300 };
    const at = screenToFlowPosition(center);
    const spot = freeSpot(store.getState().nodes, { x: Math.round(at.x - 100), y: Math.round(at.y - 40) });
    store.getState().addNode(template, spot);
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <h2 className="panel-title">Nodes</h2>
      <p className="palette-help muted">Drag onto the canvas, or click to add.</p>
      <ul className="palette-list">
        {ITEMS.map((item) => (
          <li key={item.label}>
            <button
              type="button"
              className="palette-item"
              draggable
              style={{ ['--kind' as string]: item.color }}
              aria-label={`Add ${item.label.toLowerCase()} node`}
              onDragStart={(event) => writePaletteDrag(event.dataTransfer, item.template)}
              onClick={() => addAtCenter(item.template)}
            >
              <span className="palette-icon">
                <Icon name={item.icon} size={15} />
              </span>
              <span className="palette-text">
                <strong>{item.label}</strong>
                <span className="mono">{item.hint}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ShortcutList />
    </aside>
  );
}
