/** The generators' one main: write, or under --check compare and name the regenerating command. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeOrCheck } from '../../scripts/writeOrCheck';

describe('writeOrCheck', () => {
  const dir = mkdtempSync(join(tmpdir(), 'write-or-check-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const capture = () => {
    const lines: { out: string[]; err: string[] } = { out: [], err: [] };
    return { lines, output: { out: (text: string) => lines.out.push(text), err: (text: string) => lines.err.push(text) } };
  };

  it('writes the generated text without --check', () => {
    const path = join(dir, 'written.json');
    const { lines, output } = capture();
    assert.equal(writeOrCheck(path, '{"a": 1}\n', 'npx tsx gen.ts', [], output), 0);
    assert.equal(readFileSync(path, 'utf8'), '{"a": 1}\n');
    assert.deepEqual(lines.out, [`Wrote ${path}`]);
  });

  it('under --check fails on a stale file, names the command and leaves the file alone', () => {
    const path = join(dir, 'stale.json');
    writeFileSync(path, 'old\n');
    const { lines, output } = capture();
    assert.equal(writeOrCheck(path, 'new\n', 'npx tsx gen.ts', ['--check'], output), 1);
    assert.equal(readFileSync(path, 'utf8'), 'old\n');
    assert.deepEqual(lines.err, [`${path} is out of date. Run: npx tsx gen.ts`]);
  });

  it('under --check counts a missing file as drift and passes an identical one', () => {
    const { output } = capture();
    assert.equal(writeOrCheck(join(dir, 'missing.json'), 'x', 'npx tsx gen.ts', ['--check'], output), 1);
    const path = join(dir, 'same.json');
    writeFileSync(path, 'same\n');
    const { lines, output: quiet } = capture();
    assert.equal(writeOrCheck(path, 'same\n', 'npx tsx gen.ts', ['--check'], quiet), 0);
    assert.deepEqual(lines.out, [`${path} is up to date.`]);
  });
});
