/**
 * Loads a bundle the extension defers until first use (vscode-free). A bundle that is missing
 * or broken is a clear error naming the file and what to do, raised at once, never a hang.
 */
const MAX_REASON = 300;

export class LazyBundleError extends Error {
  constructor(readonly bundle: string, cause: unknown) {
    // Module errors span lines (a require stack, a syntax error's location): one line, bounded.
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim().slice(0, MAX_REASON);
    super(`The extension's ${bundle} could not be loaded (${reason}). Reinstall the IoT Mitigations extension or run "npm run build".`, { cause });
    this.name = 'LazyBundleError';
  }
}

/** Runs `load` once and keeps its module; a failure is not cached, so a rebuilt file loads next time. */
export function lazyBundle<T>(bundle: string, load: () => T): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      try {
        loaded = load();
      } catch (error) {
        throw new LazyBundleError(bundle, error);
      }
    }
    return loaded;
  };
}
