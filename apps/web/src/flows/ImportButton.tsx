import { useRef } from 'react';
import { Icon } from '../shared/Icon.tsx';
import { ImportConflictDialog } from './ImportConflictDialog.tsx';
import { useImportFlow } from './useFlowActions.ts';

export function ImportButton({ className = 'btn' }: { className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const importFlow = useImportFlow();
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => input.current?.click()}
        disabled={importFlow.isPending}
      >
        <Icon name="upload" />
        {importFlow.isPending ? 'Importing…' : 'Import .zip'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        hidden
        aria-label="Import flow from a .zip file"
        data-testid="import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) importFlow.mutate({ file });
        }}
      />
      <ImportConflictDialog importFlow={importFlow} />
    </>
  );
}
