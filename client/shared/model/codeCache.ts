/**
 * Loads the extension's own bundles (dist/*.js) with a V8 code cache kept in the extension's
 * storage, so a window after the first skips parsing and compiling them (vscode-free).
 *
 * Only these bundles: Node's `module.enableCompileCache` would cache every module the extension
 * host loads afterwards, other extensions' too. A bundle requiring a sibling (`./common.js`)
 * gets it through the same loader, once, so every bundle shares one instance of it. The cache
 * file is named by a hash of the source and the V8 version: V8's own check of cached data looks
 * at the source's length, not its text, so a rebuilt bundle must never meet an old cache.
 * Without a cache directory, or when anything about the cache fails, bundles load as they
 * would without it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import * as vm from 'node:vm';

/** How a bundle met its cache: none yet, used, or refused by V8 (then written again). */
export type CacheUse = 'none' | 'accepted' | 'rejected';

export interface BundleLoad {
  readonly file: string;
  readonly cache: CacheUse;
}

/** The default: late enough that the functions activation ran are compiled, and so cached. */
const FLUSH_DELAY_MS = 5_000;

/** A sibling bundle: `./name.js` beside the loading one. */
const SIBLING = /^\.\/[A-Za-z0-9_-]+\.js$/;

type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

interface Pending {
  readonly script: vm.Script;
  readonly cacheFile: string;
}

export class BundleLoader {
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pending: Pending[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Each bundle this loader ran, in order, and how it met its cache (tests, the log). */
  readonly loads: BundleLoad[] = [];

  /**
   * @param hostRequire the extension entry's own require: `vscode`, Node built-ins, and every
   *   bundle when there is no cache directory
   * @param cacheDirectory where cached data goes (under the extension's global storage)
   */
  constructor(private readonly hostRequire: NodeJS.Require, private readonly cacheDirectory: string | undefined, private readonly flushDelayMs = FLUSH_DELAY_MS) {}

  /** The exports of the bundle at `file` (an absolute path), run once. */
  require(file: string): unknown {
    const loaded = this.modules.get(file);
    if (loaded) return loaded.exports;
    if (this.cacheDirectory === undefined) return this.hostRequire(file);
    const source = readFileSync(file, 'utf8');
    const cacheFile = join(this.cacheDirectory, `${basename(file)}.${createHash('sha256').update(process.versions.v8).update(source).digest('hex').slice(0, 24)}.cache`);
    const cachedData = readIfPresent(cacheFile);
    // No importModuleDynamically: the build writes the bundles without import() (scripts/build.mjs).
    const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
    const cache: CacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
    this.loads.push({ file, cache });
    if (cache !== 'accepted') this.schedule({ script, cacheFile });
    const module = { exports: {} as unknown };
    // Registered before it runs, as Node does, so a cycle between bundles ends.
    this.modules.set(file, module);
    try {
      (script.runInThisContext() as ModuleFunction).call(module.exports, module.exports, this.requireFrom(file), module, file, dirname(file));
    } catch (error) {
      this.modules.delete(file);
      throw error;
    }
    return module.exports;
  }

  /** Writes the cached data of every bundle compiled without a usable cache. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const { script, cacheFile } of this.pending.splice(0)) {
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const partial = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(partial, script.createCachedData());
        // Another window may write the same file: a rename replaces it whole.
        renameSync(partial, cacheFile);
        removeOlderCaches(cacheFile);
      } catch {
        // A read-only or full disk: the bundles keep loading without a cache.
      }
    }
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  private schedule(pending: Pending): void {
    this.pending.push(pending);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), this.flushDelayMs);
    this.flushTimer.unref?.();
  }

  /** The `require` a bundle sees: its siblings through this loader, the rest as the host has them. */
  private requireFrom(file: string): NodeJS.Require {
    const requireSibling = (request: string): unknown => (SIBLING.test(request) ? this.require(join(dirname(file), request)) : this.hostRequire(request));
    return Object.assign(requireSibling, { resolve: this.hostRequire.resolve, cache: this.hostRequire.cache, main: this.hostRequire.main, extensions: this.hostRequire.extensions }) as NodeJS.Require;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The caches of earlier builds of the same bundle, and partial writes a crash left: an update leaves nothing behind. */
function removeOlderCaches(cacheFile: string): void {
  const name = basename(cacheFile);
  const bundle = name.slice(0, name.indexOf('.js.') + '.js.'.length);
  for (const other of readdirSync(dirname(cacheFile))) {
    // Another window's write under way loses its file; its rename fails, which flush() ignores.
    if (other !== name && other.startsWith(bundle)) unlinkSync(join(dirname(cacheFile), other));
  }
}
