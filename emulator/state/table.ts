/**
 * A keyed collection of entities that reports every put and delete, which is what the
 * journal persists (state/persistence.ts) and what keeps the region's indexes current.
 * Values must be treated as immutable once put: change a copy and put it again.
 */
/** `previous` is the value the change replaces (undefined for a new key), so the journal can record only what changed. */
export type ChangeListener = (table: string, key: string, value: unknown, previous: unknown) => void;

export class Table<T> {
  private readonly rows = new Map<string, T>();
  /** While a transaction runs: every key changed, with its value before the change, to roll back. */
  private undo?: [string, T | undefined][];
  /** The values in key order, kept until the next change: lists page in key order and are read far more often than changed. */
  private byKey?: readonly T[];

  constructor(
    readonly name: string,
    private readonly listener: ChangeListener,
    private readonly onUpdate?: (key: string, previous: T | undefined, next: T | undefined) => void,
  ) {}

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  get size(): number {
    return this.rows.size;
  }

  /** Entities in insertion order (creation order: lists are stable for pagination). */
  values(): IterableIterator<T> {
    return this.rows.values();
  }

  keys(): IterableIterator<string> {
    return this.rows.keys();
  }

  /** Entities in key order (code unit order, as pagination.ts orders keys); do not change the array. */
  valuesInKeyOrder(): readonly T[] {
    if (!this.byKey) {
      const keys = [...this.rows.keys()].sort();
      this.byKey = keys.map((key) => this.rows.get(key)!);
    }
    return this.byKey;
  }

  put(key: string, value: T): void {
    const previous = this.rows.get(key);
    this.undo?.push([key, previous]);
    this.apply(key, value);
    this.listener(this.name, key, value, previous);
  }

  delete(key: string): boolean {
    if (!this.rows.has(key)) return false;
    const previous = this.rows.get(key);
    this.undo?.push([key, previous]);
    this.apply(key, undefined);
    this.listener(this.name, key, undefined, previous);
    return true;
  }

  /** Applies a change without reporting it (journal replay, snapshot load). */
  apply(key: string, value: T | undefined): void {
    const previous = this.rows.get(key);
    this.byKey = undefined;
    if (value === undefined) this.rows.delete(key);
    else this.rows.set(key, value);
    this.onUpdate?.(key, previous, value);
  }

  startUndo(): void {
    this.undo = [];
  }

  /** Ends the transaction; with `rollBack`, restores every changed key (without reporting it). */
  endUndo(rollBack: boolean): void {
    const log = this.undo ?? [];
    this.undo = undefined;
    if (rollBack) for (let index = log.length - 1; index >= 0; index--) this.apply(log[index][0], log[index][1]);
  }

  entries(): [string, T][] {
    return [...this.rows.entries()];
  }
}
