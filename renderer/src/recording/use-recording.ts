/** React access to the recording controller (save, open, replay), provided beside the lab's store. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { RecordingController, RecordingState } from './recording-controller';

export const RecordingContext = createContext<RecordingController | null>(null);

export function useRecordingController(): RecordingController {
  const controller = useContext(RecordingContext);
  if (!controller) throw new Error('RecordingContext is missing: render inside <RecordingRoot>');
  return controller;
}

/** Values of the recording state picked into an object, compared shallowly. */
export function useRecording<T>(selector: (state: RecordingState) => T): T {
  return useStore(useRecordingController().state, useShallow(selector));
}
