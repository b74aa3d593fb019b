import { useEffect, useRef } from 'react';
import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import '../script/monaco/setup.ts';

interface Props {
  theirs: string;
  mine: string;
  theme: 'light' | 'dark';
}

type Models = ReturnType<Parameters<DiffOnMount>[0]['getModel']>;

/** Monaco's diff editor, from the same local bundle as the script editor (loaded only when asked for). */
export default function FlowDiff({ theirs, mine, theme }: Props) {
  const models = useRef<Models>(null);
  // The wrapper disposes its models before the widget lets go of them (a page error); it keeps them instead,
  // and they are disposed here once the widget is gone.
  useEffect(
    () => () => {
      const kept = models.current;
      setTimeout(() => {
        kept?.original.dispose();
        kept?.modified.dispose();
      });
    },
    [],
  );
  return (
    <DiffEditor
      original={theirs}
      modified={mine}
      language="javascript"
      theme={theme === 'dark' ? 'fireflow-dark' : 'fireflow-light'}
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      onMount={(editor) => (models.current = editor.getModel())}
      loading={<div className="editor-loading">Starting the diff…</div>}
      options={{
        readOnly: true,
        originalEditable: false,
        renderSideBySide: true,
        // A flow is mostly unchanged lines: fold them so every difference, in any file, is in view.
        hideUnchangedRegions: { enabled: true, contextLineCount: 2, minimumLineCount: 3 },
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        automaticLayout: true,
        fontSize: 12,
        ariaLabel: 'Their version (left) and yours (right)',
      }}
    />
  );
}
