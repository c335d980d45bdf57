import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import { WORKLOAD_DIALOG_OPTIONS, workloadDialog } from './workload-dialog';

/** A fake `dialog.showOpenDialog` that records its calls and answers what it is told. */
function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  const calls: Array<{ parent: unknown; options: OpenDialogOptions }> = [];
  const showOpenDialog = (async (...args: unknown[]) => {
    const [parent, options] = args.length === 2 ? args : [null, args[0]];
    calls.push({ parent, options: options as OpenDialogOptions });
    return answer;
  }) as Dialog['showOpenDialog'];
  return { dialog: { showOpenDialog }, calls };
}

describe('the desktop workload dialog', () => {
  it('asks for one .mjs or .js file over the lab window and answers its path', async () => {
    const window = {} as BrowserWindow;
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/home/me/blur.mjs'] });
    assert.equal(await workloadDialog(dialog, () => window)(), '/home/me/blur.mjs');
    assert.equal(calls[0].parent, window);
    assert.deepEqual(calls[0].options.properties, ['openFile']);
    assert.deepEqual(WORKLOAD_DIALOG_OPTIONS.filters?.[0].extensions, ['mjs', 'js']);
  });

  it('answers null when cancelled', async () => {
    const { dialog } = fakeDialog({ canceled: true, filePaths: [] });
    assert.equal(await workloadDialog(dialog, () => null)(), null);
  });
});
