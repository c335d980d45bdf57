import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SHIPPED_TALK } from '../../shared/present/shipped-talk';
import { TALK_FORMAT } from '../../shared/present/talk';
import { parseRecording } from '../../shared/recording/parse';
import { loadPresentFiles, presentFile, takePresentArg } from './present-files';

/** The repository, seen from out/electron/headless. */
const ROOT = join(__dirname, '..', '..', '..');
const RECORDING = 'main-thread-blocks.nclab.jsonl';
const SERVER = join(__dirname, '..', 'headless', 'web-server.js');

function talk(scenes: unknown[]): string {
  return JSON.stringify({ format: TALK_FORMAT, title: 'Test talk', scenes });
}

/** Runs the browser-mode server with `args` until it exits or prints its URLs; then stops it. */
function runServer(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; url: string | null; stop(): Promise<void> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVER, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const stop = async () => {
      child.kill('SIGTERM');
      await exited;
    };
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
      const url = /serving (http:\/\/\S+)/.exec(stdout)?.[1] ?? null;
      if (url && stdout.includes('Speaker view')) resolve({ code: null, stdout, stderr, url, stop });
    });
    void exited.then((code) => resolve({ code, stdout, stderr, url: null, stop }));
  });
}

describe('--present', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nclab-talk-'));
    copyFileSync(join(ROOT, 'renderer', 'public', 'recordings', RECORDING), join(dir, RECORDING));
    writeFileSync(join(dir, 'good.json'), talk([{ title: 'Hello' }, { experiment: 'main-thread-blocks', recording: RECORDING, notes: 'n' }]));
    writeFileSync(join(dir, 'bad.json'), talk([{ title: 'Hello' }, { title: 'Pools', experiment: 'pool' }]));
    writeFileSync(join(dir, 'missing.json'), talk([{ experiment: 'main-thread-blocks', recording: 'gone.nclab.jsonl' }]));
    writeFileSync(join(dir, 'broken.nclab.jsonl'), 'not a recording\n');
    writeFileSync(join(dir, 'broken.json'), talk([{ experiment: 'main-thread-blocks', recording: 'broken.nclab.jsonl' }]));
    mkdirSync(join(dir, 'demo-app'));
    writeFileSync(
      join(dir, 'attach.json'),
      talk([
        { title: 'Beside the talk', attach: { command: ['node', 'server.js'], cwd: 'demo-app' } },
        { title: 'Absolute', attach: { command: ['node', 'server.js'], cwd: dir } },
        { title: 'The lab\'s folder', attach: { command: ['node', 'server.js'] } },
      ]),
    );
    writeFileSync(join(dir, 'attach-nowhere.json'), talk([{ title: 'Gone', attach: { command: ['node', 'server.js'], cwd: 'no-such-folder' } }]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('takes an optional talk path out of the arguments, leaving the others', () => {
    assert.deepEqual(takePresentArg(['--port', '0']), { request: { present: false, path: null }, rest: ['--port', '0'] });
    assert.deepEqual(takePresentArg(['--present']), { request: { present: true, path: null }, rest: [] });
    assert.deepEqual(takePresentArg(['--present', '--port', '8080']), { request: { present: true, path: null }, rest: ['--port', '8080'] });
    assert.deepEqual(takePresentArg(['--present', 'my.json', '--host', 'localhost']), { request: { present: true, path: 'my.json' }, rest: ['--host', 'localhost'] });
    assert.deepEqual(takePresentArg(['--present=my.json']), { request: { present: true, path: 'my.json' }, rest: [] });
  });

  it("ships every recording the shipped talk names in the build's folder, valid, with its verdict, and small", () => {
    const names = SHIPPED_TALK.scenes.flatMap((scene) => (scene.recording ? [scene.recording] : []));
    assert.ok(names.length >= 1);
    for (const name of names) {
      const file = join(ROOT, 'renderer', 'public', 'recordings', name);
      assert.ok(statSync(file).size < 300 * 1024, `${name} is over 300 KB`);
      const parsed = parseRecording(readFileSync(file, 'utf8'), name);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      const scene = SHIPPED_TALK.scenes.find((s) => s.recording === name);
      if (scene?.attach) {
        // An attach scene's rehearsal: the same command attached, and no verdict (an app has no claim to check).
        assert.deepEqual(parsed.recording.summary?.attached?.command, scene.attach.command, `${name} is not a recording of its scene's app`);
        continue;
      }
      assert.equal(parsed.recording.header.experiment?.id, scene?.experiment, `${name} is not a recording of its scene's experiment`);
      assert.ok(parsed.recording.verdict, `${name} has no verdict line`);
    }
  });

  it("gives the page an attach scene's relative folder as the talk file's folder's, absolute; refuses one that is not a folder", async () => {
    const files = await loadPresentFiles({ present: true, path: join(dir, 'attach.json') });
    const served = JSON.parse(presentFile(files.files, '/present/talk.json')?.body ?? '{}') as { scenes: Array<{ attach: { cwd?: string } }> };
    assert.deepEqual(
      served.scenes.map((scene) => scene.attach.cwd),
      [join(dir, 'demo-app'), dir, undefined],
    );
    await assert.rejects(loadPresentFiles({ present: true, path: join(dir, 'attach-nowhere.json') }), /scenes\[0\] \("Gone"\)\.attach\.cwd: .*no-such-folder is not a folder/);
  });

  it('without a path presents the shipped talk, which the page holds: nothing to serve', async () => {
    const files = await loadPresentFiles({ present: true, path: null });
    assert.equal(files.talkId, 'shipped');
    assert.equal(files.files.size, 0);
  });

  it('reads a talk and the recordings beside it, and serves exactly those at fixed addresses', async () => {
    const files = await loadPresentFiles({ present: true, path: join(dir, 'good.json') });
    assert.equal(files.talkId, 'file');
    assert.deepEqual([...files.files.keys()], ['/present/talk.json', `/present/recordings/${RECORDING}`]);
    assert.equal(presentFile(files.files, '/present/talk.json')?.type, 'application/json; charset=utf-8');
    assert.match(presentFile(files.files, `/present/recordings/${RECORDING}?x=1`)?.body ?? '', /^\{"type":"header"/);
    for (const url of ['/present/recordings/other.nclab.jsonl', '/present/good.json', '/present/recordings/..%2f..%2fgood.json', '/present/']) {
      assert.equal(presentFile(files.files, url), null, url);
    }
  });

  it('refuses a bad talk, naming the scene and the field', async () => {
    await assert.rejects(loadPresentFiles({ present: true, path: join(dir, 'bad.json') }), /scenes\[1\] \("Pools"\)\.experiment: no experiment "pool"/);
    await assert.rejects(loadPresentFiles({ present: true, path: join(dir, 'nope.json') }), /--present: the talk .*nope\.json cannot be read/);
    await assert.rejects(loadPresentFiles({ present: true, path: join(dir, 'missing.json') }), /scenes\[0\] \(".*"\)\.recording: the recording .*gone\.nclab\.jsonl cannot be read/);
    await assert.rejects(loadPresentFiles({ present: true, path: join(dir, 'broken.json') }), /scenes\[0\] .*\.recording: broken\.nclab\.jsonl line 1/);
  });

  it('browser mode refuses to start on a bad talk, with the errors, and exit code 2', async () => {
    const run = await runServer(['--present', join(dir, 'bad.json')]);
    assert.equal(run.code, 2);
    assert.equal(run.url, null);
    assert.match(run.stderr, /is not a valid talk:\nscenes\[1\] \("Pools"\)\.experiment: no experiment "pool"; known: /);
  });

  it('browser mode serves a good talk and its recording, prints the stage and speaker addresses, and nothing else under /present', async () => {
    const run = await runServer(['--present', join(dir, 'good.json')]);
    try {
      assert.ok(run.url, run.stderr);
      assert.match(run.stdout, /Presenter mode \(Test talk\): http:\/\/127\.0\.0\.1:\d+\/\?present=file\n/);
      assert.match(run.stdout, /Speaker view .*\?present=file&view=speaker\n/);
      const talkResponse = await fetch(`${run.url}present/talk.json`);
      assert.equal(talkResponse.status, 200);
      assert.equal((await talkResponse.json() as { title: string }).title, 'Test talk');
      assert.match(talkResponse.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.equal((await fetch(`${run.url}present/recordings/${RECORDING}`)).status, 200);
      assert.equal((await fetch(`${run.url}present/recordings/broken.nclab.jsonl`)).status, 404);
      assert.equal((await fetch(`${run.url}present/good.json`)).status, 404);
    } finally {
      await run.stop();
    }
  });
});
