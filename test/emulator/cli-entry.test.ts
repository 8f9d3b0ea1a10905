/**
 * The command-line entry points: `node dist/cli.js emulator` (the `iot-mitigations` binary)
 * prints its URL first, serves, and exits 0 on SIGINT; bad flags exit 2 with the usage.
 * Needs `npm run build` first (npm test runs it in pretest); this suite does not build.
 */
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseEmulatorArgs } from '../../emulator/cli';

const CLI = resolve(__dirname, '../../dist/cli.js');

function run(args: string[], onFirstLine?: (line: string, stop: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does it in pretest).`);
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let notified = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!notified && stdout.includes('\n') && onFirstLine) {
        notified = true;
        onFirstLine(stdout.split('\n')[0], () => child.kill('SIGINT'));
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe('emulator: command line', () => {
  it('serves from `iot-mitigations emulator` and exits 0 on SIGINT', async () => {
    let health: Record<string, unknown> | undefined;
    const result = await run(['emulator', '--port', '0', '--seed', 'empty', '--account', '111122223333'], (line, stop) => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      assert.ok(url, line);
      fetch(`${url}/_emulator/health`)
        .then((response) => response.json() as Promise<Record<string, unknown>>)
        .then((body) => (health = body))
        .finally(stop);
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(health?.status, 'ok');
    assert.equal(health?.account, '111122223333');
    assert.equal(health?.seed, 'empty');
  });

  it('rejects bad flags with exit code 2 and the usage', async () => {
    const result = await run(['emulator', '--seed', 'huge']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--seed must be one of demo, empty/);
    assert.match(result.stderr, /Usage: iot-mitigations emulator/);
  });

  it('parses every documented flag', () => {
    assert.deepEqual(parseEmulatorArgs(['--host', '::1', '--port=0', '--state', 's.json', '--seed', 'demo', '--pace', '250', '--account', '123456789012', '--allow-host', 'devbox', '--throttle', '--deny', 'ListTagsForResource', '--deny=iot:TagResource,UntagResource']), {
      host: '::1',
      port: 0,
      statePath: 's.json',
      seed: 'demo',
      paceMs: 250,
      account: '123456789012',
      allowedHosts: ['devbox'],
      throttle: true,
      denyOperations: ['ListTagsForResource', 'TagResource', 'UntagResource'],
    });
    assert.equal(parseEmulatorArgs(['--help']), 'help');
    assert.throws(() => parseEmulatorArgs(['--port', '70000']), /--port must be a whole number/);
    assert.throws(() => parseEmulatorArgs(['--pace']), /needs a value/);
    assert.throws(() => parseEmulatorArgs(['--account', '12']), /12 digits/);
    assert.throws(() => parseEmulatorArgs(['--throttle=yes']), /takes no value/);
    assert.throws(() => parseEmulatorArgs(['--deny', 'ListTagz']), /--deny: "ListTagz" is not an AWS IoT operation/);
    assert.deepEqual(parseEmulatorArgs([]), {}, 'throttling is off unless asked for');
  });
});
