import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lazyBundle, LazyBundleError } from '../../client/shared/model/lazyBundle';
import { loadSdk } from '../../client/lazyBundles';

const requireHere = createRequire(__filename);

test('a missing bundle is a clear error naming it, at once, and is retried on the next use', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lazy-bundle-'));
  const file = join(folder, 'sdk.js');
  const load = lazyBundle('AWS SDK bundle (dist/sdk.js)', () => requireHere(file) as { answer: number });
  assert.throws(load, (error: unknown) => {
    assert.ok(error instanceof LazyBundleError);
    assert.match(error.message, /^The extension's AWS SDK bundle \(dist\/sdk\.js\) could not be loaded \(Cannot find module '[^']*sdk\.js'.*\)\. Reinstall/);
    return true;
  });
  writeFileSync(file, 'module.exports = { answer: 42 };');
  assert.equal(load().answer, 42);
});

test('a broken bundle is a clear error on one line with the reason', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lazy-bundle-'));
  const file = join(folder, 'broken.js');
  writeFileSync(file, 'module.exports = {;\n');
  const load = lazyBundle('broken bundle', () => requireHere(file));
  assert.throws(load, (error: unknown) => error instanceof LazyBundleError && /could not be loaded \(.*(Unexpected token|Expected identifier)/.test(error.message) && !error.message.includes('\n'));
});

test('the SDK bundle loads once and offers what a connection and the rehearsal need', () => {
  const sdk = loadSdk();
  assert.equal(loadSdk(), sdk);
  for (const name of ['IoTClient', 'STSClient', 'IotApi', 'answersEmulatorHealth', 'profileRegion', 'readAccountId', 'resolveConfiguredEndpoints', 'rehearse', 'RehearsalError', 'requestFromFile'] as const) {
    assert.equal(typeof sdk[name], 'function', name);
  }
});

