import { nodeRunState } from '../run/model/runModel.ts';
import { useEditor } from '../store/useEditor.ts';

/** `running` while an execution or call of this node is in flight in the shown run; then how its last one ended. */
export function useNodeRunState(nodeId: string) {
  return useEditor((s) => nodeRunState(s.run.model, nodeId));
}

export function useNodeDiagnosticCount(file: string | null) {
  return useEditor((s) => (file ? s.diagnostics.filter((d) => d.file === file).length : 0));
}
