/**
 * All regions of all accounts, created on first use from the configured seed, and the
 * bridge between entity changes and the journal. `whenDurable()` waits until every change so
 * far is durable (one fsync for all of them: group commit); the server waits for it before
 * answering and the runner before its next batch. `commit()` does the same synchronously.
 */
import { ApiError } from '../errors';
import { RegionState } from './regionState';
import { Persistence, StateFileError, type EmulatorSettings, type JournalRecord, type RegionDump, type Snapshot, SNAPSHOT_FORMAT, FORMAT_VERSION } from './persistence';

export type Seeder = (state: RegionState) => void;

/**
 * Each account and region a request names gets its own seeded state; unauthenticated callers
 * could name any number of them, so the emulator holds at most this many.
 */
export const MAX_REGION_STATES = 64;

export class Store {
  private readonly regions = new Map<string, RegionState>();
  private seq = 0;
  private replaying = false;
  readonly settings: EmulatorSettings;

  constructor(
    private seeder: Seeder,
    settings: EmulatorSettings,
    private readonly persistence?: Persistence,
  ) {
    this.settings = { ...settings };
  }

  /** Loads the state file (when there is one). Returns a note for the log, if any. */
  open(): string | undefined {
    if (!this.persistence) return undefined;
    const loaded = this.persistence.load();
    this.replaying = true;
    try {
      if (loaded.snapshot) this.loadSnapshot(loaded.snapshot, this.persistence.path);
      for (const record of loaded.records) {
        try {
          this.replay(record);
        } catch (error) {
          throw new StateFileError(`${this.persistence.journalPath}: journal record ${String(record.s)} cannot be applied (${(error as Error).message}); refusing to start so nothing is lost.`);
        }
      }
    } finally {
      this.replaying = false;
    }
    // Records of this version must not follow an older journal's header (an older emulator would misread them): start both files afresh.
    if (this.persistence.needsUpgrade) this.snapshot();
    const notes = [
      ...(loaded.removedTemporaryFiles.length ? [`removed ${loaded.removedTemporaryFiles.length} temporary file(s) of an interrupted snapshot: ${loaded.removedTemporaryFiles.join(', ')}`] : []),
      ...(loaded.tornTail === undefined ? [] : [`ignored an unacknowledged, partly written last journal record (${loaded.tornTail.length} bytes)`]),
    ];
    return notes.length ? notes.join('; ') : undefined;
  }

  /** Loads a snapshot after checking its structure, so a damaged file is named with what is wrong in it. */
  private loadSnapshot(snapshot: Snapshot, path: string): void {
    const fail = (what: string): never => {
      throw new StateFileError(`${path}: ${what}; refusing to start so nothing is lost.`);
    };
    const isPlain = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
    const settings = snapshot.settings as unknown;
    if (!isPlain(settings) || !Number.isFinite(settings.paceMs) || !Number.isFinite(settings.clockOffsetMs)) fail('"settings" must be an object with numbers "paceMs" and "clockOffsetMs"');
    if (!isPlain(snapshot.regions)) fail('"regions" must be an object keyed by ACCOUNT/REGION');
    this.seq = snapshot.seq;
    Object.assign(this.settings, { paceMs: snapshot.settings.paceMs, clockOffsetMs: snapshot.settings.clockOffsetMs });
    for (const [scope, dump] of Object.entries(snapshot.regions)) {
      if (!/^\d{12}\/[a-z0-9-]+$/.test(scope)) fail(`region "${scope.slice(0, 80)}" is not ACCOUNT/REGION`);
      if (!isPlain(dump)) fail(`regions["${scope}"] must be an object of tables, not ${JSON.stringify(dump)?.slice(0, 40)}`);
      const state = this.createRegion(scope);
      for (const [table, rows] of Object.entries(dump)) {
        if (!state.tableNamed(table)) fail(`regions["${scope}"] has an unknown table "${table.slice(0, 80)}"`);
        if (!Array.isArray(rows)) fail(`regions["${scope}"].${table} must be a list of [key, entity] rows, not ${JSON.stringify(rows)?.slice(0, 40)}`);
        (rows as unknown[]).forEach((row, index) => {
          if (!Array.isArray(row) || row.length !== 2 || typeof row[0] !== 'string' || typeof row[1] !== 'object' || row[1] === null) {
            fail(`regions["${scope}"].${table}[${index}] must be a [key, entity] pair`);
          }
        });
      }
      try {
        state.load(dump as RegionDump);
      } catch (error) {
        fail(`regions["${scope}"] holds an entity the emulator cannot load (${(error as Error).message})`);
      }
    }
  }

  private replay(record: JournalRecord): void {
    this.seq = Math.max(this.seq, record.s);
    if (record.op === 'reset') this.regions.clear();
    else if (record.op === 'settings' && record.settings) Object.assign(this.settings, record.settings);
    else if (record.op === 'region' && typeof record.r === 'string') this.createRegion(record.r);
    else if (typeof record.r === 'string' && typeof record.c === 'string' && typeof record.k === 'string') {
      if (record.v !== undefined && (typeof record.v !== 'object' || record.v === null)) throw new Error(`the entity of ${record.c}/${record.k} is not an object`);
      const state = this.regions.get(record.r) ?? this.createRegion(record.r);
      const table = state.tableNamed(record.c);
      if (!table) throw new Error(`unknown table "${record.c}"`);
      if (record.d !== undefined) table.apply(record.k, changedEntity(table.get(record.k), record));
      else table.apply(record.k, record.v);
    } else throw new Error('it is neither a change nor a known operation');
  }

  private record(entry: Omit<JournalRecord, 's'>): void {
    if (!this.persistence || this.replaying) return;
    this.persistence.appendOperation({ s: ++this.seq, ...entry });
  }

  private createRegion(scope: string): RegionState {
    const [account, region] = scope.split('/');
    const state = new RegionState(account, region, (table, key, value, previous) => {
      // Without a state file (or while replaying) a change is not recorded: build no record for it.
      if (!this.persistence || this.replaying) return;
      this.persistence.appendChange(++this.seq, scope, table, key, value, previous);
    });
    this.regions.set(scope, state);
    return state;
  }

  /** The state of an account in a region, seeded on first use. */
  region(account: string, region: string): RegionState {
    const scope = `${account}/${region}`;
    let state = this.regions.get(scope);
    if (!state) {
      if (this.regions.size >= MAX_REGION_STATES) {
        throw new ApiError(410, 'LimitExceededException', `The emulator already holds ${MAX_REGION_STATES} account and region states, its limit; ${scope} would be one more. Use fewer accounts or regions, or POST /_emulator/reset to drop them all.`);
      }
      this.record({ op: 'region', r: scope });
      state = this.createRegion(scope);
      this.seeder(state);
    }
    return state;
  }

  /** Applies `change` to a region all or nothing: when it throws, neither the state nor the journal keeps any of it. */
  atomically<T>(state: RegionState, change: () => T): T {
    const mark = this.persistence?.mark();
    const seq = this.seq;
    return state.atomically(change, () => {
      if (mark !== undefined) this.persistence!.rollBackTo(mark);
      this.seq = seq;
    });
  }

  existingRegions(): RegionState[] {
    return [...this.regions.values()];
  }

  /** Drops every region; each is seeded again on next use. */
  reset(seeder?: Seeder): void {
    if (seeder) this.seeder = seeder;
    this.regions.clear();
    this.record({ op: 'reset' });
  }

  updateSettings(settings: Partial<EmulatorSettings>): void {
    Object.assign(this.settings, settings);
    this.record({ op: 'settings', settings: { ...this.settings } });
  }

  /** Makes every change so far durable (journal write + fsync), now. */
  commit(): void {
    this.persistence?.flush();
  }

  /** Undefined when every change so far is durable; otherwise a promise of the group commit that makes it so. */
  whenDurable(): Promise<void> | undefined {
    return this.persistence?.whenDurable();
  }

  /** The journal has grown enough (against the last snapshot) that a new snapshot is due. */
  get snapshotDue(): boolean {
    return this.persistence?.snapshotDue ?? false;
  }

  snapshot(): void {
    if (!this.persistence) return;
    const regions = Object.fromEntries([...this.regions.entries()].map(([scope, state]) => [scope, state.dump()]));
    const snapshot: Snapshot = { format: SNAPSHOT_FORMAT, version: FORMAT_VERSION, seq: this.seq, savedAt: new Date().toISOString(), settings: { ...this.settings }, regions };
    this.persistence.writeSnapshot(snapshot);
  }

  close(): void {
    if (!this.persistence) return;
    this.snapshot();
    this.persistence.close();
  }
}

/** The entity a change record (`d` members set, `x` members removed) makes of the one in the table. */
function changedEntity(current: unknown, record: JournalRecord): Record<string, unknown> {
  if (typeof current !== 'object' || current === null || Array.isArray(current)) throw new Error(`it changes ${record.c}/${record.k}, which does not exist`);
  if (typeof record.d !== 'object' || record.d === null || Array.isArray(record.d)) throw new Error(`the change of ${record.c}/${record.k} is not an object`);
  if (record.x !== undefined && (!Array.isArray(record.x) || record.x.some((member) => typeof member !== 'string'))) throw new Error(`the removed members of ${record.c}/${record.k} are not a list of names`);
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>), ...record.d };
  for (const member of record.x ?? []) delete next[member];
  return next;
}
