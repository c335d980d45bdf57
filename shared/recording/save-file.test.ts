import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSaveFileRequest, saveFileKind } from './save-file';

const fields = (raw: unknown) => {
  const parsed = parseSaveFileRequest(raw);
  return parsed.ok ? [] : parsed.errors.map((e) => e.field);
};

describe('save file requests', () => {
  it('accept a recording and an SVG as text, a PNG as bytes', () => {
    assert.ok(parseSaveFileRequest({ name: '2026-11-30T12-00-00Z-cluster.nclab.jsonl', content: '{}\n' }).ok);
    assert.ok(parseSaveFileRequest({ name: 'Host event-loop delay 2026.svg', content: '<svg/>' }).ok);
    assert.ok(parseSaveFileRequest({ name: 'queue.PNG', content: new Uint8Array([137, 80]) }).ok);
  });

  it('refuse folders, odd characters and other kinds by name, saying what a name may be', () => {
    for (const name of ['../x.svg', 'a/b.svg', 'a\\b.svg', 'C:x.svg', 'x\u0000.svg', 'x.txt', 'x.svg.exe', '', 'x'.repeat(201) + '.svg', 42]) {
      assert.deepEqual(fields({ name, content: 'x' }), ['name'], String(name));
    }
    const parsed = parseSaveFileRequest({ name: 'x.txt', content: 'x' });
    assert.match(parsed.ok ? '' : parsed.errors[0]!.message, /ending in \.nclab\.jsonl, \.svg, \.png/);
  });

  it('refuse content of the wrong kind, and unknown fields', () => {
    assert.deepEqual(fields({ name: 'x.png', content: 'text' }), ['content']);
    assert.deepEqual(fields({ name: 'x.svg', content: new Uint8Array(1) }), ['content']);
    assert.deepEqual(fields({ name: 'x.svg', content: 12 }), ['content']);
    assert.deepEqual(fields({ name: 'x.svg', content: 'x', folder: '/tmp' }), ['folder']);
  });

  it('know the kind by the end of the name, case-insensitively', () => {
    assert.equal(saveFileKind('a.nclab.jsonl')?.label, 'Lab recording');
    assert.equal(saveFileKind('A.SVG')?.extension, '.svg');
    assert.equal(saveFileKind('a.jsonl'), undefined);
  });
});
