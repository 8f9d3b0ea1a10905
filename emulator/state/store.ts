/**
 * All regions of all accounts, created on first use from the configured seed, and the
 * bridge between entity changes and the journal. `commit()` makes every change so far
 * durable; the server calls it before acknowledging a mutating request.
 */
import { RegionState } from './regionState';
import { Persistence, type EmulatorSettings, type JournalRecord, type Snapshot, SNAPSHOT_FORMAT, FORMAT_VERSION } from './persistence';

export type Seeder = (state: RegionState) => void;

/** Snapshot once this many records have accumulated in the journal. */
const SNAPSHOT_EVERY_RECORDS = 200_000;

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
      if (loaded.snapshot) this.loadSnapshot(loaded.snapshot);
      for (const record of loaded.records) this.replay(record);
    } finally {
      this.replaying = false;
    }
    return loaded.tornTail === undefined ? undefined : `ignored an unacknowledged, partly written last journal record (${loaded.tornTail.length} bytes)`;
  }

  private loadSnapshot(snapshot: Snapshot): void {
    this.seq = snapshot.seq;
    Object.assign(this.settings, snapshot.settings);
    for (const [scope, dump] of Object.entries(snapshot.regions)) {
      this.createRegion(scope).load(dump);
    }
  }

  private replay(record: JournalRecord): void {
    this.seq = Math.max(this.seq, record.s);
    if (record.op === 'reset') this.regions.clear();
    else if (record.op === 'settings' && record.settings) Object.assign(this.settings, record.settings);
    else if (record.op === 'region' && record.r) this.createRegion(record.r);
    else if (record.r && record.c && record.k !== undefined) {
      const state = this.regions.get(record.r) ?? this.createRegion(record.r);
      const table = state.table(record.c);
      if (!table) throw new Error(`${this.persistence?.journalPath}: unknown table "${record.c}" in record ${record.s}`);
      table.apply(record.k, record.v);
    }
  }

  private record(entry: Omit<JournalRecord, 's'>): void {
    if (!this.persistence || this.replaying) return;
    this.persistence.append({ s: ++this.seq, ...entry });
  }

  private createRegion(scope: string): RegionState {
    const [account, region] = scope.split('/');
    const state = new RegionState(account, region, (table, key, value) => this.record(value === undefined ? { r: scope, c: table, k: key } : { r: scope, c: table, k: key, v: value }));
    this.regions.set(scope, state);
    return state;
  }

  /** The state of an account in a region, seeded on first use. */
  region(account: string, region: string): RegionState {
    const scope = `${account}/${region}`;
    let state = this.regions.get(scope);
    if (!state) {
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

  /** Makes every change so far durable (journal write + fsync). */
  commit(): void {
    this.persistence?.flush();
  }

  get snapshotDue(): boolean {
    return (this.persistence?.backlog ?? 0) >= SNAPSHOT_EVERY_RECORDS;
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
