import { useReactFlow } from '@xyflow/react';
import { IconButton } from '../../shared/IconButton.tsx';
import { modKey } from '../../shared/format.ts';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { FIT_VIEW } from './fitView.ts';

export function CanvasActions() {
  const store = useEditorStoreApi();
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const { fitView } = useReactFlow();
  const mod = modKey();
  return (
    <div className="canvas-actions" role="toolbar" aria-label="Canvas actions">
      <IconButton
        icon="undo"
        label="Undo"
        shortcut={`${mod}+Z`}
        disabled={!canUndo}
        onClick={() => store.getState().undo()}
      />
      <IconButton
        icon="redo"
        label="Redo"
        shortcut={`${mod}+Shift+Z`}
        disabled={!canRedo}
        onClick={() => store.getState().redo()}
      />
      <span className="toolbar-sep" />
      <IconButton
        icon="layout"
        label="Auto-layout"
        onClick={() => {
          store.getState().autoLayout();
          window.requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: 300 }));
        }}
      />
    </div>
  );
}
