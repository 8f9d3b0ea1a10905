import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { globToRegExp, runCheckCli } from '../../cli/check';
import { EXAMPLES } from './helpers';
import { AUDIT_LOOP_PROBLEMS_TEXT, expectedAuditLoopProblems } from '../lsp/auditLoopProblems';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCheckCli(args, { out: (text) => (out += text), err: (text) => (err += text) }, cwd);
  return { code, out, err };
}

describe('check CLI', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'mitigations-check-'));
    mkdirSync(join(root, 'good', 'nested'), { recursive: true });
    mkdirSync(join(root, 'bad'));
    copyFileSync(join(EXAMPLES, 'quarantine-workflow.mitigation.json'), join(root, 'good', 'quarantine.mitigation.json'));
    copyFileSync(join(EXAMPLES, 'update-device-certificate.mitigation.json'), join(root, 'good', 'nested', 'deactivate.mitigation.json'));
    copyFileSync(join(EXAMPLES, 'cli-input', 'create-mitigation-action.json'), join(root, 'good', 'create.json'));
    copyFileSync(join(EXAMPLES, 'mistakes.mitigation.json'), join(root, 'bad', 'mistakes.mitigation.json'));
    writeFileSync(join(root, 'bad', 'warnings-only.mitigation.json'), '{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["InTheAccount"]}}}}');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('exits 0 on valid files and directories, checking *.mitigation.json recursively', async () => {
    const result = await run(['good'], root);
    assert.equal(result.code, 0);
    assert.equal(result.out, '');
    assert.match(result.err, /2 files checked: 0 errors, 0 warnings/);
  });

  it('checks CLI input documents named explicitly', async () => {
    const result = await run(['good/create.json'], root);
    assert.equal(result.code, 0);
    assert.match(result.err, /1 file checked/);
  });

  it('prints file:line:col severity code message and exits 1 on errors', async () => {
    const result = await run(['bad/mistakes.mitigation.json'], root);
    assert.equal(result.code, 1);
    const lines = result.out.trim().split('\n');
    assert.ok(lines.length >= 20);
    for (const line of lines) assert.match(line, /^bad\/mistakes\.mitigation\.json:\d+:\d+ (error|warning|info) [a-z-]+ \S/);
    assert.ok(lines.some((line) => /:\d+:\d+ error legacy-check REVOKED_DEVICE_CERT_CHECK/.test(line)));
  });

  it('exits 0 when there are only warnings', async () => {
    const result = await run(['bad/warnings-only.mitigation.json'], root);
    assert.equal(result.code, 0);
    assert.match(result.out, /warning undefined-action/);
  });

  it('expands globs, including **', async () => {
    assert.match((await run(['**/*.mitigation.json'], root)).err, /4 files checked/);
    assert.match((await run(['good/*.json'], root)).err, /2 files checked/);
  });

  it('prints JSON with --format json', async () => {
    const result = await run(['--format', 'json', 'bad'], root);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.out);
    assert.equal(report.files.length, 2);
    const first = report.files[0].diagnostics[0];
    assert.deepEqual(Object.keys(first).sort(), ['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'severity']);
    assert.ok(report.errors > 0);
  });

  it('exits 2 with a clear message on usage errors and unreadable files', async () => {
    const missing = await run(['nope.mitigation.json'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Cannot read nope\.mitigation\.json: no such file or directory/);
    assert.equal((await run([], root)).code, 2);
    assert.match((await run(['--format', 'xml', 'good'], root)).err, /--format takes "text", "json", "sarif", "github", not "xml"/);
    assert.match((await run(['--bogus', 'good'], root)).err, /Unknown option --bogus/);
    assert.match((await run(['*.nothing'], root)).err, /No files match/);
  });

  it('exits 2 when a named file cannot be read', { skip: process.platform !== 'linux' && 'uses /proc' }, async () => {
    // Stats as a file but fails to read (EIO), even for root.
    const result = await run(['/proc/self/mem', 'good/create.json'], root);
    assert.equal(result.code, 2);
    assert.match(result.err, /cannot read \/proc\/self\/mem/);
    assert.match(result.err, /1 file checked/, 'the other files are still checked');
  });

  it("reports each of the audit loop's problem codes at its line and column, and exits 1", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mitigations-check-audit-'));
    try {
      writeFileSync(join(directory, 'audit-loop.mitigation.json'), AUDIT_LOOP_PROBLEMS_TEXT);
      const problems = expectedAuditLoopProblems(new Date().toISOString().slice(0, 10));
      const text = await run(['audit-loop.mitigation.json'], directory);
      assert.equal(text.code, 1);
      assert.deepEqual(text.out.trim().split('\n'), problems.map((problem) => `audit-loop.mitigation.json:${problem.line + 1}:${problem.character + 1} ${problem.severity} ${problem.code} ${problem.message}`));
      assert.match(text.err, /1 file checked: 9 errors, 2 warnings/);
      const json = await run(['--format', 'json', 'audit-loop.mitigation.json'], directory);
      assert.equal(json.code, 1);
      const [file] = JSON.parse(json.out).files as { diagnostics: { code: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
      assert.deepEqual(file.diagnostics.map((d) => [d.code, d.line, d.column, d.endLine, d.endColumn]), problems.map((problem) => [problem.code, problem.line + 1, problem.character + 1, problem.line + 1, problem.endCharacter + 1]));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('translates globs to anchored expressions', () => {
    assert.ok(globToRegExp('/a/**/*.json').test('/a/b/c/d.json'));
    assert.ok(globToRegExp('/a/**/*.json').test('/a/d.json'));
    assert.ok(!globToRegExp('/a/*.json').test('/a/b/d.json'));
    assert.ok(globToRegExp('/a/?.json').test('/a/x.json'));
    assert.ok(!globToRegExp('/a/x.json').test('/a/xxjson'));
  });
});
