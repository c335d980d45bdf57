import { describe, expect, it } from 'vitest';
import type { SaveFileRequest, SaveFileResult } from '../../../shared/recording/save-file';
import { parseRecording } from '../../../shared/recording/parse';
import { createLabStore } from '../state/store';
import { FakeLab } from '../testing/fake-lab';
import { RecordingController } from './recording-controller';
import { ingest } from './replay-session';
import { contentType, fileSaver, type SaveFile } from './save-file';
import { syntheticRun } from './testing';

/** A desktop preload's saveFile that answers `answer` and keeps what it was asked. */
function nativeSave(answer: (request: SaveFileRequest) => SaveFileResult) {
  const requests: SaveFileRequest[] = [];
  return { requests, saveFile: async (request: SaveFileRequest) => (requests.push(request), answer(request)) };
}

function controllerWith(saveFile: SaveFile) {
  const api = new FakeLab();
  const live = createLabStore({ api, now: () => 0, wallClock: () => Date.parse('2026-11-30T18:00:10.000Z') });
  const recording = new RecordingController({ api, live, saveFile, now: () => 0, repeat: () => 0, cancel: () => undefined });
  return { live, recording };
}

describe('saving a file', () => {
  it('downloads in browser mode (no saveFile in the API), with the content type of the kind', async () => {
    const downloads: Array<{ name: string; blob: Blob }> = [];
    const save = fileSaver({}, (name, blob) => downloads.push({ name, blob }));
    expect(await save('run.nclab.jsonl', '{}\n')).toBe('run.nclab.jsonl');
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    expect(await save('chart.png', png)).toBe('chart.png');
    expect(downloads.map((d) => [d.name, d.blob.type])).toEqual([
      ['run.nclab.jsonl', 'application/x-ndjson'],
      ['chart.png', 'image/png'],
    ]);
    expect(await downloads[0]!.blob.text()).toBe('{}\n');
    expect(downloads[1]!.blob).toBe(png);
    expect(contentType('a.svg')).toBe('image/svg+xml');
  });

  it('goes through the desktop dialog when the preload offers it: text as text, a Blob as bytes', async () => {
    const native = nativeSave((request) => ({ ok: true, path: `/home/u/${request.name}` }));
    const save = fileSaver(native, () => {
      throw new Error('must not download on the desktop');
    });
    expect(await save('chart.svg', '<svg/>')).toBe('/home/u/chart.svg');
    expect(await save('chart.png', new Blob([new Uint8Array([137, 80, 78, 71])]))).toBe('/home/u/chart.png');
    expect(native.requests[0]).toEqual({ name: 'chart.svg', content: '<svg/>' });
    expect(native.requests[1]!.content).toBeInstanceOf(Uint8Array);
    expect([...(native.requests[1]!.content as Uint8Array)]).toEqual([137, 80, 78, 71]);
  });

  it('passes a cancel on as null, and a refusal as an error naming the field', async () => {
    const cancelled = fileSaver(nativeSave(() => ({ ok: true, path: null })), () => undefined);
    expect(await cancelled('x.svg', '<svg/>')).toBeNull();
    const refused = fileSaver(nativeSave(() => ({ ok: false, errors: [{ field: 'name', message: 'must be a file name' }] })), () => undefined);
    await expect(refused('x.svg', '<svg/>')).rejects.toThrow('name: must be a file name');
  });

  it('Save on the desktop: the dialog gets the recording, the bar shows the path; a cancel shows nothing', async () => {
    const native = nativeSave(() => ({ ok: true, path: '/home/u/run.nclab.jsonl' }));
    const { live, recording } = controllerWith(fileSaver(native, () => undefined));
    for (const message of syntheticRun(5, 1)) ingest(live, message);
    await recording.save();
    expect(recording.state.getState()).toMatchObject({ saved: '/home/u/run.nclab.jsonl', error: null });
    const request = native.requests[0]!;
    expect(request.name).toBe('2026-11-30T18-00-10Z-worker-pool.nclab.jsonl');
    const parsed = parseRecording(request.content as string, request.name);
    expect(parsed.ok && parsed.recording.ticks).toHaveLength(5);

    const cancelled = controllerWith(fileSaver(nativeSave(() => ({ ok: true, path: null })), () => undefined));
    for (const message of syntheticRun(5, 1)) ingest(cancelled.live, message);
    await cancelled.recording.save();
    expect(cancelled.recording.state.getState()).toMatchObject({ saved: null, error: null });
  });

  it('a failure while making or saving a file is the bar’s error, naming the file', async () => {
    const { recording } = controllerWith(async () => {
      throw new Error('disk full');
    });
    await recording.saveFile('queue-depth.png', () => 'x');
    expect(recording.state.getState().error).toBe('could not save queue-depth.png: disk full');
    await recording.saveFile('queue-depth.svg', () => Promise.reject(new Error('no chart on screen')));
    expect(recording.state.getState().error).toBe('could not save queue-depth.svg: no chart on screen');
  });

  it('dates exports by the shown run: the live run’s start, null before any', () => {
    const { live, recording } = controllerWith(async (name) => name);
    expect(recording.runDate()).toBeNull();
    for (const message of syntheticRun(5, 1)) ingest(live, message);
    expect(recording.runDate()).toBe('2026-11-30T18:00:10.000Z');
  });
});
