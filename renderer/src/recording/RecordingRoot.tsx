/**
 * Puts the view on the live store or, while a recording is replayed, on the replay's store: every component
 * below reads whichever it is given, so the replay uses the very charts, unit table and event log of a run.
 * Also takes a recording dropped anywhere on the window.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LabStore } from '../state/store-types';
import { LabStoreContext } from '../state/use-lab';
import type { RecordingController } from './recording-controller';
import { RecordingContext } from './use-recording';

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function RecordingRoot({ live, controller, children }: { live: LabStore; controller: RecordingController; children: ReactNode }) {
  const replayStore = useStore(controller.state, (s) => s.replay?.store ?? null);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      // Without this the browser would open the file in place of the lab.
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void controller.open(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [controller]);
  return (
    <RecordingContext value={controller}>
      <LabStoreContext value={replayStore ?? live}>
        {/* A new tree per source: no input keeps a draft of the other source's settings. */}
        <div className={replayStore ? 'view-root replaying' : 'view-root'} data-testid="view-root" data-source={replayStore ? 'replay' : 'live'} key={replayStore ? 'replay' : 'live'}>
          {children}
        </div>
        {dragging && (
          <div className="drop-hint" data-testid="drop-hint">
            Drop a recording ({'.nclab.jsonl'}) to replay it
          </div>
        )}
      </LabStoreContext>
    </RecordingContext>
  );
}
