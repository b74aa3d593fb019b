import { DiffEditor } from '@monaco-editor/react';
import '../script/monaco/setup.ts';

interface Props {
  theirs: string;
  mine: string;
  theme: 'light' | 'dark';
}

/** Monaco's diff editor, from the same local bundle as the script editor (loaded only when asked for). */
export default function FlowDiff({ theirs, mine, theme }: Props) {
  return (
    <DiffEditor
      original={theirs}
      modified={mine}
      language="javascript"
      theme={theme === 'dark' ? 'fireflow-dark' : 'fireflow-light'}
      loading={<div className="editor-loading">Starting the diff…</div>}
      options={{
        readOnly: true,
        originalEditable: false,
        renderSideBySide: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        automaticLayout: true,
        fontSize: 12,
        ariaLabel: 'Their version (left) and yours (right)',
      }}
    />
  );
}
