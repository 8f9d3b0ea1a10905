/**
 * The extension's bundle loader with a V8 code cache (client/shared/model/codeCache.ts), on small
 * bundles written here: the cache is written, then used by the next loader, a rebuilt bundle
 * never meets an old cache, a broken cache or a cache folder that cannot be made only costs the cache, and a
 * sibling required by two bundles runs once.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BundleLoader } from '../../client/shared/model/codeCache';

const hostRequire = createRequire(__filename);

function bundles(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'code-cache-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const cacheUses = (loader: BundleLoader) => loader.loads.map((load) => `${load.file.split('/').pop()}:${load.cache}`);

/**
 * Loads `file` in a fresh process, as a new window's extension host does: within one process V8
 * reuses a script it compiled already and never reads the cached data.
 */
function loadInNewProcess(file: string, cache: string): { exports: unknown; uses: string[] } {
  const script = `const { BundleLoader } = require(${JSON.stringify(join(__dirname, '../../client/shared/model/codeCache.ts'))});
    const loader = new BundleLoader(require, ${JSON.stringify(cache)});
    const exports = loader.require(${JSON.stringify(file)});
    loader.flush();
    process.stdout.write(JSON.stringify({ exports, uses: loader.loads.map((load) => load.file.split('/').pop() + ':' + load.cache) }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { exports: unknown; uses: string[] };
}

test('the second loader runs the bundles from the cache the first one wrote, with the same results', () => {
  const folder = bundles({
    'main.js': 'const shared = require("./shared.js"); const os = require("node:os"); module.exports = { total: shared.add(2, 3), eol: os.EOL, file: __filename };',
    'shared.js': 'exports.add = (a, b) => a + b;',
  });
  const cache = join(folder, 'cache');
  const first = new BundleLoader(hostRequire, cache);
  const exports = first.require(join(folder, 'main.js')) as { total: number; eol: string; file: string };
  assert.deepEqual(exports, { total: 5, eol: '\n', file: join(folder, 'main.js') });
  assert.deepEqual(cacheUses(first), ['main.js:none', 'shared.js:none']);
  first.flush();
  assert.equal(readdirSync(cache).filter((file) => file.endsWith('.cache')).length, 2);

  assert.deepEqual(loadInNewProcess(join(folder, 'main.js'), cache), { exports, uses: ['main.js:accepted', 'shared.js:accepted'] });
});

test('a rebuilt bundle of the same length gets a cache of its own, and the old one and partial writes are removed', () => {
  const folder = bundles({ 'main.js': 'module.exports = "aaaa";' });
  const cache = join(folder, 'cache');
  const first = new BundleLoader(hostRequire, cache);
  assert.equal(first.require(join(folder, 'main.js')), 'aaaa');
  first.flush();
  writeFileSync(join(folder, 'main.js'), 'module.exports = "bbbb";');
  // What a window that crashed while writing leaves.
  writeFileSync(join(cache, `${readdirSync(cache)[0]}.4242.tmp`), 'partial');
  assert.deepEqual(loadInNewProcess(join(folder, 'main.js'), cache), { exports: 'bbbb', uses: ['main.js:none'] });
  assert.equal(readdirSync(cache).length, 1, `the cache of the old build or a partial write stays: ${readdirSync(cache).join(', ')}`);
});

test('a damaged cache file is refused, the bundle still runs, and the cache is written again', () => {
  const folder = bundles({ 'main.js': 'module.exports = 42;' });
  const cache = join(folder, 'cache');
  const first = new BundleLoader(hostRequire, cache);
  first.require(join(folder, 'main.js'));
  first.flush();
  const [file] = readdirSync(cache);
  writeFileSync(join(cache, file), 'not V8 cached data');
  assert.deepEqual(loadInNewProcess(join(folder, 'main.js'), cache), { exports: 42, uses: ['main.js:rejected'] });
  assert.deepEqual(loadInNewProcess(join(folder, 'main.js'), cache), { exports: 42, uses: ['main.js:accepted'] });
});

test('a cache path that is a file costs only the cache', () => {
  const folder = bundles({ 'main.js': 'module.exports = 7;', 'cache': 'a file, not a folder' });
  const loader = new BundleLoader(hostRequire, join(folder, 'cache'));
  assert.equal(loader.require(join(folder, 'main.js')), 7);
  assert.doesNotThrow(() => loader.flush());
});

test('a sibling two bundles require runs once, and a bundle that throws is not kept', () => {
  const folder = bundles({
    'a.js': 'module.exports = require("./counter.js");',
    'b.js': 'module.exports = require("./counter.js");',
    'counter.js': 'globalThis.__codeCacheRuns = (globalThis.__codeCacheRuns ?? 0) + 1; module.exports = { runs: globalThis.__codeCacheRuns };',
    'broken.js': 'throw new Error("broken at load");',
  });
  const loader = new BundleLoader(hostRequire, join(folder, 'cache'));
  assert.equal(loader.require(join(folder, 'a.js')), loader.require(join(folder, 'b.js')));
  assert.equal((loader.require(join(folder, 'counter.js')) as { runs: number }).runs, 1);
  assert.throws(() => loader.require(join(folder, 'broken.js')), /broken at load/);
  assert.throws(() => loader.require(join(folder, 'broken.js')), /broken at load/);
  loader.dispose();
});

test('without a cache folder, bundles load through the host require', () => {
  const folder = bundles({ 'main.js': 'module.exports = { loadedBy: typeof require.cache };' });
  const loader = new BundleLoader(hostRequire, undefined);
  assert.deepEqual(loader.require(join(folder, 'main.js')), { loadedBy: 'object' });
  assert.deepEqual(loader.loads, []);
});
