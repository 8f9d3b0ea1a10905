/**
 * The emulator as a library: `startEmulator()` serves the AWS IoT API on a local port and
 * resolves once it is listening. Used by the CLI, the VS Code extension and the tests.
 */
import type { AddressInfo } from 'node:net';
import { Clock } from './clock';
import { acceptedHosts } from './http/hostCheck';
import type { EmulatorCore, SeedName } from './core';
import { Runner } from './runner';
import { startScheduler } from './audit/scheduler';
import { seederFor } from './seeds';
import { createApiServer } from './http/server';
import { Persistence } from './state/persistence';
import { Store } from './state/store';
import { Throttle } from './http/throttle';
import { deniableOperation } from './http/deniedOperations';

export { StateFileError } from './state/persistence';
export { DEMO } from './fleet/demo';

export interface EmulatorOptions {
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default 4566; 0 picks a free port. */
  port?: number;
  /** Durable state file; default in memory. */
  statePath?: string;
  /** What a region holds on first use; default demo. */
  seed?: SeedName;
  /** Delay per mitigation execution and per audit check, in ms; default 0. Overrides a saved pace. */
  paceMs?: number;
  /** Default account id (a 12-digit access key id selects another). Default 123456789012. */
  account?: string;
  /** Extra Host header names accepted besides loopback ones and the bound `host` ("*" accepts any). */
  allowedHosts?: string[];
  /** AWS IoT operations to refuse with AccessDeniedException (403), as IAM refuses a role without them. */
  denyOperations?: readonly string[];
  /** Enforce the per-operation TPS limits of AWS IoT (ThrottlingException); default off. */
  throttle?: boolean;
  /** How long a client may take to send its request body (default 10 s); slower ones get a 408. */
  bodyTimeoutMs?: number;
  /** How long a client may take to send its request line and headers (default 10 s); slower ones get a 408. */
  headersTimeoutMs?: number;
  /** Where to write diagnostics (internal errors, recovery notes). Default: stderr. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly account: string;
  /** Notes from opening the state file (e.g. a torn last record that was ignored). */
  readonly notes: string[];
  /** Stops serving, lets background work settle, writes a final snapshot. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4566;
export const DEFAULT_ACCOUNT = '123456789012';
const COMMIT_INTERVAL_MS = 100;
const SNAPSHOT_CHECK_INTERVAL_MS = 5_000;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const account = options.account ?? DEFAULT_ACCOUNT;
  if (!/^\d{12}$/.test(account)) throw new Error(`account must be 12 digits, not "${account}".`);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = new Clock();
  const seed = options.seed ?? 'demo';
  const persistence = options.statePath ? new Persistence(options.statePath) : undefined;
  const store = new Store(seederFor(seed, clock), { paceMs: options.paceMs ?? 0, clockOffsetMs: 0 }, persistence);
  const notes: string[] = [];
  const note = store.open();
  if (note) notes.push(note);
  if (options.paceMs !== undefined && store.settings.paceMs !== options.paceMs) store.updateSettings({ paceMs: options.paceMs });
  clock.offsetMs = store.settings.clockOffsetMs;
  const runner = new Runner(store, clock);
  const core: EmulatorCore = { store, runner, clock, account, startedAt: Date.now(), durable: persistence !== undefined, seed, injectedErrors: new Map(), deniedOperations: new Set(options.denyOperations?.map((name) => deniableOperation(name, 'denyOperations'))), throttle: new Throttle(options.throttle ?? false) };
  const server = createApiServer(core, { allowedHosts: acceptedHosts(host, options.allowedHosts ?? []), bodyTimeoutMs: options.bodyTimeoutMs, headersTimeoutMs: options.headersTimeoutMs, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    persistence?.close();
    throw error;
  });
  runner.resumeAll();
  const scheduler = startScheduler(store, runner, clock);
  // Changes no answer waits for are made durable in small groups, by the same asynchronous group
  // commit the answers use (a synchronous fsync here would stall every request behind it).
  const committer = setInterval(() => {
    store.whenDurable()?.catch((error: unknown) => process.stderr.write(`emulator: journal fsync failed: ${(error as Error).message}\n`));
  }, COMMIT_INTERVAL_MS);
  const snapshotter = setInterval(() => {
    if (store.snapshotDue) store.snapshot();
  }, SNAPSHOT_CHECK_INTERVAL_MS);
  committer.unref();
  snapshotter.unref();
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    account,
    notes,
    close() {
      closing ??= (async () => {
        clearInterval(committer);
        clearInterval(snapshotter);
        scheduler.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await runner.stop();
        store.close();
      })();
      return closing;
    },
  };
}
