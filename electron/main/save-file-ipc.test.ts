// The desktop "Save as" handler: sender check, validation, the dialog (a fake, injected) and a real file written.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/lab-api';
import { handleSaveFile, registerSaveFileHandler, type SaveDialogRequest, type SaveFileHandlerOptions } from './save-file-ipc';

const PAGE = 'app://lab/index.html';
const eventFrom = (url: string) => ({ senderFrame: { url, parent: null } }) as unknown as IpcMainInvokeEvent;
const folder = mkdtempSync(join(tmpdir(), 'lab-save-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Options with a fake dialog that answers `answer` and keeps what it was asked. */
function options(answer: (request: SaveDialogRequest) => { canceled: boolean; filePath?: string }, overrides: Partial<SaveFileHandlerOptions> = {}) {
  const asked: SaveDialogRequest[] = [];
  const logs: string[] = [];
  const opts: SaveFileHandlerOptions = {
    showSaveDialog: async (request) => (asked.push(request), answer(request)),
    defaultFolder: () => '/home/someone/Downloads',
    isTrustedSender: (event) => event.senderFrame?.url === PAGE,
    log: (message) => logs.push(message),
    ...overrides,
  };
  return { opts, asked, logs };
}

describe('save file handler', () => {
  test('asks where with the suggested name in the default folder, and writes the text there', async () => {
    const target = join(folder, 'run.nclab.jsonl');
    const { opts, asked } = options(() => ({ canceled: false, filePath: target }));
    const result = await handleSaveFile(eventFrom(PAGE), { name: '2026-11-30T12-00-00Z-cluster.nclab.jsonl', content: '{"type":"header"}\n' }, opts);
    assert.deepEqual(result, { ok: true, path: target });
    assert.equal(readFileSync(target, 'utf8'), '{"type":"header"}\n');
    assert.deepEqual(asked, [
      {
        title: 'Save lab recording',
        defaultPath: join('/home/someone/Downloads', '2026-11-30T12-00-00Z-cluster.nclab.jsonl'),
        filters: [{ name: 'Lab recording', extensions: ['jsonl'] }],
      },
    ]);
  });

  test('writes a PNG’s bytes as they are, and adds the extension the dialog left off', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
    const { opts } = options(() => ({ canceled: false, filePath: join(folder, 'chart') }));
    const result = await handleSaveFile(eventFrom(PAGE), { name: 'queue-depth.png', content: bytes }, opts);
    assert.deepEqual(result, { ok: true, path: join(folder, 'chart.png') });
    assert.deepEqual(new Uint8Array(readFileSync(join(folder, 'chart.png'))), bytes);
  });

  test('a cancelled dialog writes nothing and says so with path null', async () => {
    const before = readdirSync(folder).length;
    const { opts } = options(() => ({ canceled: true }));
    assert.deepEqual(await handleSaveFile(eventFrom(PAGE), { name: 'x.svg', content: '<svg/>' }, opts), { ok: true, path: null });
    assert.equal(readdirSync(folder).length, before);
  });

  test('refuses another sender without showing a dialog', async () => {
    const { opts, asked, logs } = options(() => ({ canceled: false, filePath: join(folder, 'evil.svg') }));
    const result = await handleSaveFile(eventFrom('https://evil.example/'), { name: 'x.svg', content: '<svg/>' }, opts);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.errors[0]!.message : '', /did not come from the lab window/);
    assert.equal(asked.length, 0);
    assert.equal(existsSync(join(folder, 'evil.svg')), false);
    assert.match(logs[0] ?? '', /refused a save request/);
  });

  test('refuses a bad request by field, without showing a dialog', async () => {
    const { opts, asked } = options(() => ({ canceled: false, filePath: join(folder, 'never') }));
    const cases: Array<[unknown, string[]]> = [
      [{ name: '../../etc/passwd.svg', content: 'x' }, ['name']],
      [{ name: 'notes.txt', content: 'x' }, ['name']],
      [{ name: 'chart.png', content: 'not bytes' }, ['content']],
      [{ name: 'chart.svg', content: new Uint8Array([1]) }, ['content']],
      [{ name: 'chart.svg', content: { a: 1 } }, ['content']],
      [{ name: 'chart.svg', content: 'x', path: '/tmp/x' }, ['path']],
      [null, ['(root)']],
    ];
    for (const [raw, fields] of cases) {
      const result = await handleSaveFile(eventFrom(PAGE), raw, opts);
      assert.equal(result.ok, false, JSON.stringify(raw));
      assert.deepEqual(!result.ok ? result.errors.map((e) => e.field) : [], fields, JSON.stringify(raw));
    }
    assert.equal(asked.length, 0);
  });

  test('answers with the reason when the file cannot be written or the dialog fails', async () => {
    const { opts, logs } = options(() => ({ canceled: false, filePath: join(folder, 'no-such-folder', 'x.svg') }));
    const result = await handleSaveFile(eventFrom(PAGE), { name: 'x.svg', content: '<svg/>' }, opts);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.errors[0]!.message : '', /could not save .*x\.svg: ENOENT/);
    assert.match(logs[0] ?? '', /ENOENT/);
    const broken = options(() => {
      throw new Error('no display');
    });
    assert.deepEqual(await handleSaveFile(eventFrom(PAGE), { name: 'x.svg', content: '<svg/>' }, broken.opts), {
      ok: false,
      errors: [{ field: '(root)', message: 'the save dialog failed: no display' }],
    });
  });

  test('registers on the file:save channel and can be removed', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
    const { opts } = options(() => ({ canceled: true }));
    const remove = registerSaveFileHandler(ipcMain as never, opts);
    assert.equal(IPC_CHANNELS.saveFile, 'file:save');
    const handler = handlers.get('file:save');
    assert.ok(handler);
    assert.deepEqual(await handler(eventFrom(PAGE), { name: 'x.svg', content: '<svg/>' }), { ok: true, path: null });
    remove();
    assert.equal(handlers.size, 0);
  });
});
