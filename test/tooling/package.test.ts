/**
 * The npm package as a user gets it: `npm pack` of a copy of this repository (its prepack builds
 * the CLI), the tarball installed into a new project without the network, then
 * `npx iot-mitigations check` and `npx iot-mitigations emulator` run from there.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { IoTClient, ListMitigationActionsCommand } from '@aws-sdk/client-iot';

const repoRoot = join(__dirname, '..', '..');
const EMULATOR_CREDENTIALS = { accessKeyId: 'EMULATOREXAMPLEKEY', secretAccessKey: 'emulator-example-secret' };

interface PackedFile { readonly path: string; readonly mode: number }
interface Packed { readonly filename: string; readonly files: readonly PackedFile[] }

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function npm(args: string[], cwd: string): string {
  const result = run('npm', args, cwd);
  assert.equal(result.status, 0, `npm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The repository's files as git sees them (tracked and new, not ignored): what a checkout has. */
function copyCheckout(to: string): void {
  const listed = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], repoRoot);
  assert.equal(listed.status, 0, listed.stderr);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const source = join(repoRoot, file);
    if (!statSync(source, { throwIfNoEntry: false })?.isFile()) continue; // deleted in the work tree
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(source, join(to, file));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(to, 'node_modules'));
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolveLine(line));
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before printing its URL`)));
  });
}

describe('the npm package', () => {
  let work: string;
  let consumer: string;
  let packed: Packed;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'iot-mitigations-package-'));
    const checkout = join(work, 'checkout');
    copyCheckout(checkout);
    // npm pack runs prepack, which builds the CLI bundle in the copy.
    [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], checkout)) as Packed[];
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    npm(['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], consumer);
    for (const example of ['quarantine-workflow.mitigation.json', 'mistakes.mitigation.json']) cpSync(join(repoRoot, 'examples', example), join(consumer, example));
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the CLI bundle, the notices of what it bundles and the docs, not the extension, and needs no dependency', () => {
    assert.deepEqual(packed.files.map((file) => file.path).sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/THIRD-PARTY-NOTICES.txt', 'dist/cli.js', 'package.json']);
    const cli = packed.files.find((file) => file.path === 'dist/cli.js')!;
    assert.equal(cli.mode & 0o111, 0o111, `dist/cli.js is packed with mode ${cli.mode.toString(8)}, not executable`);
    const installed = join(consumer, 'node_modules', 'iot-mitigations');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies?: object; private?: boolean };
    assert.deepEqual(manifest.bin, { 'iot-mitigations': './dist/cli.js' });
    assert.equal(manifest.dependencies, undefined, 'the bundle is self-contained: installing it must fetch nothing');
    assert.equal(manifest.private, undefined, 'a private package cannot be published');
    assert.match(readFileSync(join(installed, 'dist', 'cli.js'), 'utf8').split('\n')[0], /^#!\/usr\/bin\/env node$/);
    // The CLI bundles the AWS SDK and the language server library: their licences ship with it.
    const notices = readFileSync(join(installed, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const bundled of ['@aws-sdk/client-iot', '@smithy/core', 'vscode-languageserver', 'jsonc-parser']) assert.match(notices, new RegExp(`^- ${bundled} \\d`, 'm'), `the notices do not list ${bundled}`);
    assert.match(notices, /Apache License\s+Version 2\.0/);
  });

  it('npx iot-mitigations check: exit 0 on a clean file, 1 with the problems listed, 2 on a missing file', () => {
    const clean = run('npx', ['--offline', 'iot-mitigations', 'check', 'quarantine-workflow.mitigation.json'], consumer);
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout + clean.stderr, /1 file checked: 0 errors, 0 warnings\./);

    const mistakes = run('npx', ['--offline', 'iot-mitigations', 'check', 'mistakes.mitigation.json'], consumer);
    assert.equal(mistakes.status, 1, mistakes.stderr);
    assert.match(mistakes.stdout, /^mistakes\.mitigation\.json:6:3 error unknown-property Unknown property "description"/m);
    assert.match(mistakes.stdout + mistakes.stderr, /1 file checked: \d+ errors, \d+ warnings\./);

    const missing = run('npx', ['--offline', 'iot-mitigations', 'check', 'nowhere.mitigation.json'], consumer);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Cannot read nowhere\.mitigation\.json: no such file or directory/);
  });

  it('npx iot-mitigations emulator --port 0 answers the AWS SDK on loopback, then stops', async () => {
    // Its own process group, so stopping it stops npx and the node it started alike.
    const child = spawn('npx', ['--offline', 'iot-mitigations', 'emulator', '--port', '0'], { cwd: consumer, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code, signal) => resolveExit(code ?? (signal ? 128 : null))));
    try {
      const line = await firstLine(child);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      assert.ok(url, `no loopback URL in "${line}"`);
      const iot = new IoTClient({ region: 'us-east-1', endpoint: url, credentials: EMULATOR_CREDENTIALS, maxAttempts: 1 });
      try {
        const listed = await iot.send(new ListMitigationActionsCommand({}));
        assert.ok(Array.isArray(listed.actionIdentifiers), 'ListMitigationActions returned no actionIdentifiers');
      } finally {
        iot.destroy();
      }
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      await assert.rejects(fetch(url), 'the emulator still answers after SIGTERM');
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
