import { ErrorBoundary } from '../shared/ErrorBoundary.tsx';
import { Canvas } from './canvas/Canvas.tsx';
import { Palette } from './canvas/Palette.tsx';
import { SidePanel } from './inspector/SidePanel.tsx';
import { RunPanel } from './run/RunPanel.tsx';
import { EditorToolbar } from './toolbar/EditorToolbar.tsx';
import { useEditorSession } from './useEditorSession.ts';
import { DiskChangeBanner } from './toolbar/DiskChangeBanner.tsx';
import { ConflictDialog } from './conflict/ConflictDialog.tsx';

export function EditorLayout() {
  const session = useEditorSession();
  return (
    <main className="editor" aria-label="Flow editor">
      <EditorToolbar save={session.save} run={session.run} saving={session.saving} starting={session.starting} />
      <DiskChangeBanner
        change={session.diskChange}
        onReload={session.reloadFromDisk}
        onDismiss={session.dismissDiskChange}
      />
      <ConflictDialog
        conflict={session.conflict}
        onReload={session.reloadTheirs}
        onOverwrite={session.overwrite}
        onCancel={session.cancelConflict}
      />
      <div className="editor-main">
        <ErrorBoundary area="The palette">
          <Palette />
        </ErrorBoundary>
        <ErrorBoundary area="The canvas">
          <Canvas />
        </ErrorBoundary>
        <ErrorBoundary area="The side panel">
          <SidePanel save={session.save} run={session.run} />
        </ErrorBoundary>
      </div>
      <ErrorBoundary area="The run panel">
        <RunPanel save={session.save} />
      </ErrorBoundary>
    </main>
  );
}
