/**
 * Durable state for `--state FILE`: an append-only journal (FILE.journal) of entity changes,
 * written and fsynced before a mutating request is acknowledged, plus a periodic snapshot
 * (FILE) written to a temporary file, fsynced and renamed over the old one. On start the
 * snapshot is loaded and the journal records after it are replayed. Both files carry a
 * format name and version; anything unreadable stops the start with an error naming the file
 * and nothing is overwritten.
 *
 * Group commit: records queue until a flush writes them all and fsyncs once. `whenDurable()`
 * names the moment everything queued so far is on disk; the server answers, and the runner
 * goes on, only after it. Queued puts of one entity are merged into the first one (same place
 * in the journal, latest value), so a task's progress record is written once per flush, not
 * once per execution. The records of one flush are one journal line (`{"b": [...]}`), so a
 * flush cut short by a crash is a torn last line and none of it is replayed: a restart never
 * sees half a batch (say, a task's progress without the effects it counts). A put that
 * replaces an entity is written as the members that changed (`d`, and `x` for members
 * removed), so deactivating a certificate journals three members, not the whole certificate.
 */
import { closeSync, existsSync, fsync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const SNAPSHOT_FORMAT = 'iot-mitigations-emulator-state';
const JOURNAL_FORMAT = 'iot-mitigations-emulator-journal';
/** Version 2 added change records (`d`/`x`), one line per flush (`b`) and execution runs; version 1 files still load. */
export const FORMAT_VERSION = 2;
const READABLE_VERSIONS: readonly number[] = [1, 2];
const readableVersions = 'versions 1 and 2';

export type RegionDump = Record<string, [string, unknown][]>;

export interface EmulatorSettings {
  paceMs: number;
  clockOffsetMs: number;
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** Sequence number of the last journal record the snapshot includes. */
  seq: number;
  savedAt: string;
  settings: EmulatorSettings;
  regions: Record<string, RegionDump>;
}

/**
 * One journal line. `c`+`k` change an entity: `v` puts it whole, `d` sets the members named
 * (and `x` removes members) of the entity already there, neither deletes it; `op` marks region
 * creation, reset and settings.
 */
export interface JournalRecord {
  s: number;
  op?: 'region' | 'reset' | 'settings';
  r?: string;
  c?: string;
  k?: string;
  v?: unknown;
  d?: Record<string, unknown>;
  x?: string[];
  settings?: EmulatorSettings;
}

/** A record waiting for the flush; `was` is the entity a put replaced (never written itself), to journal only what changed. */
interface QueuedRecord extends JournalRecord {
  was?: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Regions and table names as JSON strings: a handful of them, each quoted once. */
const quotedNames = new Map<string, string>();
function quoted(name: string): string {
  let text = quotedNames.get(name);
  if (text === undefined) {
    text = JSON.stringify(name);
    if (quotedNames.size < 1024) quotedNames.set(name, text);
  }
  return text;
}

/**
 * The journal line of a queued record: a put over an entity becomes the members that changed
 * (members compare by identity: values are immutable). Change lines are put together by hand:
 * the flush writes one per change, and a whole-object JSON.stringify of each was most of its cost.
 */
function lineOf(record: QueuedRecord): string {
  if (record.c === undefined || record.k === undefined) return JSON.stringify(record);
  const head = `{"s":${record.s},"r":${quoted(record.r!)},"c":${quoted(record.c)},"k":${JSON.stringify(record.k)}`;
  const next = record.v;
  const was = record.was;
  if (next === undefined) return `${head}}`;
  if (!isPlainObject(was) || !isPlainObject(next)) return `${head},"v":${JSON.stringify(next)}}`;
  const changed: Record<string, unknown> = {};
  let removed: string[] | undefined;
  for (const key in next) if (next[key] !== undefined && next[key] !== was[key]) changed[key] = next[key];
  for (const key in was) if (was[key] !== undefined && next[key] === undefined) (removed ??= []).push(key);
  return removed ? `${head},"d":${JSON.stringify(changed)},"x":${JSON.stringify(removed)}}` : `${head},"d":${JSON.stringify(changed)}}`;
}

export class StateFileError extends Error {}

interface LoadedState {
  snapshot?: Snapshot;
  records: JournalRecord[];
  /** A torn last journal line (never acknowledged) that was cut off, for the log. */
  tornTail?: string;
  /** Temporary files of a snapshot that was interrupted, removed on load. */
  removedTemporaryFiles: string[];
}

/** A journal the size of the last snapshot times this (and at least SNAPSHOT_MIN_BYTES) is due for a snapshot: snapshots cost a bounded share of the writing. */
const SNAPSHOT_GROWTH = 2;
const SNAPSHOT_MIN_BYTES = 64 * 1024 * 1024;

interface Waiter {
  /** Durable once this many records have been fsynced. */
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class Persistence {
  readonly journalPath: string;
  private journalFd: number | undefined;
  /** Records queued since the last flush, in journal order. */
  private pending: QueuedRecord[] = [];
  /** Region and table → key → index in `pending` of its last queued put, while it can still take a later value. */
  private latestPut = new Map<string, Map<string, number>>();
  /** Puts at indexes below this belong to before a transaction's mark and are never merged into. */
  private mergeFloor = 0;
  /** Records appended ever, and how many of them are fsynced (merged ones count as written). */
  private appended = 0;
  private durableCount = 0;
  private fsyncInFlight = false;
  private waiters: Waiter[] = [];
  private snapshotBytes = 0;
  /** The files loaded were written in an older format: a snapshot in this one is due before any change is journaled. */
  needsUpgrade = false;

  constructor(readonly path: string) {
    this.journalPath = `${path}.journal`;
  }

  /** Journal bytes written since the last snapshot. */
  get backlog(): number {
    return this.journalPosition;
  }

  get snapshotDue(): boolean {
    return this.journalPosition >= Math.max(SNAPSHOT_MIN_BYTES, SNAPSHOT_GROWTH * this.snapshotBytes);
  }

  /** Reads both files; throws StateFileError (naming the file) when either cannot be trusted. */
  load(): LoadedState {
    const removedTemporaryFiles = this.removeTemporaryFiles();
    const snapshot = existsSync(this.path) ? this.readSnapshot() : undefined;
    const { records, validLength, tornTail } = existsSync(this.journalPath) ? this.readJournal() : { records: [], validLength: 0, tornTail: undefined };
    const after = records.filter((record) => record.s > (snapshot?.seq ?? 0));
    this.journalFd = openSync(this.journalPath, existsSync(this.journalPath) ? 'r+' : 'w+');
    if (validLength === 0) {
      ftruncateSync(this.journalFd, 0);
      this.writeLine(JSON.stringify({ format: JOURNAL_FORMAT, version: FORMAT_VERSION }), 0);
    } else if (tornTail !== undefined) {
      ftruncateSync(this.journalFd, validLength);
    }
    this.journalPosition = validLength === 0 ? this.journalPosition : validLength;
    return { snapshot, records: after, tornTail, removedTemporaryFiles };
  }

  private journalPosition = 0;

  /** `FILE.tmp-PID` files are snapshots that never got renamed: the snapshot and journal beside them are complete without them. */
  private removeTemporaryFiles(): string[] {
    const directory = dirname(this.path);
    const prefix = `${basename(this.path)}.tmp-`;
    const leftovers = existsSync(directory) ? readdirSync(directory).filter((name) => name.startsWith(prefix)) : [];
    for (const name of leftovers) unlinkSync(join(directory, name));
    return leftovers;
  }

  private readSnapshot(): Snapshot {
    let parsed: Partial<Snapshot>;
    try {
      const text = readFileSync(this.path, 'utf8');
      this.snapshotBytes = text.length;
      parsed = JSON.parse(text) as Partial<Snapshot>;
    } catch (error) {
      throw new StateFileError(`${this.path}: not a readable IoT Mitigations emulator state file (${(error as Error).message}).`);
    }
    if (parsed?.format !== SNAPSHOT_FORMAT) {
      throw new StateFileError(`${this.path}: not an IoT Mitigations emulator state file (expected "format": "${SNAPSHOT_FORMAT}").`);
    }
    if (!READABLE_VERSIONS.includes(parsed.version as number)) {
      throw new StateFileError(`${this.path}: state format version ${String(parsed.version)} is not supported by this emulator (it reads ${readableVersions}).`);
    }
    if (parsed.version !== FORMAT_VERSION) this.needsUpgrade = true;
    if (typeof parsed.seq !== 'number' || typeof parsed.regions !== 'object' || parsed.regions === null) {
      throw new StateFileError(`${this.path}: the state file is incomplete (missing "seq" or "regions").`);
    }
    return parsed as Snapshot;
  }

  private readJournal(): { records: JournalRecord[]; validLength: number; tornTail?: string } {
    const text = readFileSync(this.journalPath, 'utf8');
    if (text.length === 0) return { records: [], validLength: 0 };
    const lines = text.split('\n');
    const endsClean = text.endsWith('\n');
    const records: JournalRecord[] = [];
    let validLength = 0;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index];
      const isLast = index === lines.length - 1;
      if (isLast && line === '') break;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        if (isLast && !endsClean) return { records, validLength, tornTail: line };
        throw new StateFileError(`${this.journalPath}: journal line ${index + 1} is corrupt; refusing to start so nothing is lost. Move the file away to start from the snapshot.`);
      }
      if (index === 0) {
        const header = parsed as { format?: string; version?: number };
        if (header?.format !== JOURNAL_FORMAT) throw new StateFileError(`${this.journalPath}: not an IoT Mitigations emulator journal (expected "format": "${JOURNAL_FORMAT}").`);
        if (!READABLE_VERSIONS.includes(header.version as number)) throw new StateFileError(`${this.journalPath}: journal format version ${String(header.version)} is not supported (this emulator reads ${readableVersions}).`);
        if (header.version !== FORMAT_VERSION) this.needsUpgrade = true;
      } else {
        const group = (parsed as { b?: unknown })?.b;
        for (const record of (Array.isArray(group) ? group : [parsed]) as JournalRecord[]) {
          if (typeof record?.s !== 'number') throw new StateFileError(`${this.journalPath}: journal line ${index + 1} has a record with no sequence number.`);
          records.push(record);
        }
      }
      validLength += Buffer.byteLength(line) + 1;
    }
    return { records, validLength };
  }

  /** Where the queue stands, so a failed transaction can take back what it queued. */
  mark(): number {
    this.mergeFloor = this.pending.length;
    return this.pending.length;
  }

  /** Drops the records queued since `mark` (never flushed: a transaction runs synchronously). */
  rollBackTo(mark: number): void {
    this.appended -= this.pending.length - mark;
    this.pending.length = mark;
    for (const puts of this.latestPut.values()) for (const [key, index] of puts) if (index >= mark) puts.delete(key);
  }

  /** Queues a region, reset or settings record; it is durable after the next flush. */
  appendOperation(record: JournalRecord): void {
    this.appended++;
    // It orders everything around it: nothing before it takes a later value.
    this.latestPut.clear();
    this.pending.push(record);
  }

  /**
   * Queues a put (`value`) or a delete (no value) of an entity; it is durable after the next
   * flush. Values are immutable once put (state/table.ts), so they are serialised at the flush;
   * `was` is the entity a put replaces.
   */
  appendChange(seq: number, region: string, table: string, key: string, value: unknown, was: unknown): void {
    this.appended++;
    const scope = `${region}\0${table}`;
    let puts = this.latestPut.get(scope);
    if (!puts) this.latestPut.set(scope, (puts = new Map()));
    const earlier = puts.get(key);
    if (value === undefined) {
      puts.delete(key);
      this.pending.push({ s: seq, r: region, c: table, k: key });
    } else if (earlier !== undefined && earlier >= this.mergeFloor) {
      this.pending[earlier] = { ...this.pending[earlier], v: value };
    } else {
      puts.set(key, this.pending.length);
      this.pending.push({ s: seq, r: region, c: table, k: key, v: value, was });
    }
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Writes the queued records to the journal (not yet fsynced); returns how many appended records are now written. */
  private writePending(): number {
    const lines = this.pending;
    this.pending = [];
    this.latestPut.clear();
    this.mergeFloor = 0;
    if (lines.length > 0 && this.journalFd !== undefined) this.writeLine(lines.length === 1 ? lineOf(lines[0]) : `{"b":[${lines.map(lineOf).join(',')}]}`, this.journalPosition);
    return this.appended;
  }

  private settle(upTo: number, error?: Error): void {
    if (!error) this.durableCount = Math.max(this.durableCount, upTo);
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (error && waiter.upTo <= upTo) waiter.reject(error);
      else if (waiter.upTo <= this.durableCount) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }

  /** Writes the queued records and fsyncs the journal, now. */
  flush(): void {
    if (this.journalFd === undefined || this.durableCount >= this.appended) return;
    const upTo = this.writePending();
    fsyncSync(this.journalFd);
    this.settle(upTo);
  }

  /**
   * Undefined when everything queued is durable; otherwise a promise that resolves once it is
   * (one fsync serves every record queued before it starts), or rejects when the fsync fails.
   */
  whenDurable(): Promise<void> | undefined {
    if (this.journalFd === undefined || this.durableCount >= this.appended) return undefined;
    const promise = new Promise<void>((resolve, reject) => this.waiters.push({ upTo: this.appended, resolve, reject }));
    if (!this.fsyncInFlight) this.startFsync();
    return promise;
  }

  private startFsync(): void {
    const fd = this.journalFd;
    if (fd === undefined) return;
    const upTo = this.writePending();
    this.fsyncInFlight = true;
    fsync(fd, (error) => {
      this.fsyncInFlight = false;
      // A journal closed meanwhile was flushed synchronously first: nothing is left waiting on this fsync.
      if (this.journalFd !== fd) return;
      this.settle(upTo, error ?? undefined);
      if (this.waiters.length > 0) this.startFsync();
    });
  }

  private writeLine(line: string, position: number): void {
    if (this.journalFd === undefined) return;
    const buffer = Buffer.from(`${line}\n`);
    let written = 0;
    while (written < buffer.length) written += writeSync(this.journalFd, buffer, written, buffer.length - written, position + written);
    this.journalPosition = position + buffer.length;
  }

  /** Writes a complete snapshot atomically, then starts a fresh journal after it. */
  writeSnapshot(snapshot: Snapshot): void {
    this.flush();
    const temporary = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(temporary, 'w');
    try {
      const buffer = Buffer.from(JSON.stringify(snapshot));
      this.snapshotBytes = buffer.length;
      let written = 0;
      while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    syncDirectory(dirname(this.path));
    // Records up to snapshot.seq are now in the snapshot; a crash before this point only
    // leaves records that replay skips by their sequence numbers.
    if (this.journalFd !== undefined) {
      ftruncateSync(this.journalFd, 0);
      this.writeLine(JSON.stringify({ format: JOURNAL_FORMAT, version: FORMAT_VERSION }), 0);
      fsyncSync(this.journalFd);
    }
  }

  close(): void {
    this.flush();
    if (this.journalFd !== undefined) closeSync(this.journalFd);
    this.journalFd = undefined;
  }
}

function syncDirectory(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  }
}
