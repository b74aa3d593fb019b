import { useEffect, useState } from 'react';
import { Icon } from '../shared/Icon.tsx';
import { useToast } from '../app/toasts/context.ts';
import { ImportConflictDialog } from './ImportConflictDialog.tsx';
import { useImportFlow } from './useFlowActions.ts';

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/** Dropping a .zip anywhere on the page imports it as a flow. */
export function ImportDropZone() {
  const [over, setOver] = useState(false);
  const importFlow = useImportFlow();
  const toast = useToast();
  const { mutate } = importFlow;

  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setOver(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      if (
        !/\.zip$/i.test(file.name) &&
        file.type !== 'application/zip' &&
        file.type !== 'application/x-zip-compressed'
      ) {
        toast({
          kind: 'error',
          title: 'Not a .zip file',
          message: `Drop a flow exported from Fireflow (.zip); "${file.name}" is not one.`,
        });
        return;
      }
      mutate({ file });
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [mutate, toast]);

  const conflict = (
    <ImportConflictDialog importFlow={importFlow} />
  );
  if (!over) return conflict;
  return (
    <div className="drop-overlay" role="status">
      {conflict}
      <div className="drop-card">
        <Icon name="upload" size={32} />
        <strong>Drop to import the flow</strong>
        <span className="muted">A .zip exported from Fireflow — flow.json and its scripts.</span>
      </div>
    </div>
  );
}
