/**
 * Group commit in the durable store, on real files: one fsync covers every change queued before
 * it, `whenDurable()` resolves only once they are on disk, and queued puts of one entity are
 * written once, in the place of the first, with the last value, without reordering anything a
 * restart rebuilds (creation order, a reset in between, a transaction rolled back).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { putThing } from '../../../emulator/fleet/builders';
import { Persistence } from '../../../emulator/state/persistence';
import { Store } from '../../../emulator/state/store';

const folder = mkdtempSync(join(tmpdir(), 'emulator-group-commit-'));
after(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const NOW = Date.UTC(2026, 0, 15);
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

function openStore(path: string): Store {
  const store = new Store(() => {}, { paceMs: 0, clockOffsetMs: 0 }, new Persistence(path));
  store.open();
  return store;
}

/** The journal's change records, out of the one line each flush writes (header and region records left out). */
function journalChanges(path: string): { c: string; k: string; v?: { version?: number }; d?: { version?: number } }[] {
  return readFileSync(`${path}.journal`, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .flatMap((line) => line.b ?? [line])
    .filter((record) => record.c !== undefined);
}

describe('emulator group commit', () => {
  it('acknowledges after one fsync for every change queued before it, and not before the changes are in the journal', async () => {
    const path = join(folder, `state-${++files}.json`);
    const store = openStore(path);
    const state = store.region(ACCOUNT, REGION);
    for (let index = 0; index < 50; index++) putThing(state, { thingName: `t-${index}` }, NOW);
    assert.deepEqual(journalChanges(path), [], 'nothing is written before the commit');
    const durable = store.whenDurable();
    assert.ok(durable, 'queued changes are not durable yet');
    await durable;
    assert.equal(journalChanges(path).length, 50);
    assert.equal(store.whenDurable(), undefined, 'everything is durable: nothing to wait for');
    // Waiters that joined while an fsync ran are served by the next one.
    putThing(state, { thingName: 'late-1' }, NOW);
    const first = store.whenDurable()!;
    putThing(state, { thingName: 'late-2' }, NOW);
    const second = store.whenDurable()!;
    await Promise.all([first, second]);
    assert.deepEqual(journalChanges(path).slice(-2).map((record) => record.k), ['late-1', 'late-2']);
    store.close();
  });

  it('writes queued puts of one entity once, where the first was, with the last value', async () => {
    const path = join(folder, `state-${++files}.json`);
    const store = openStore(path);
    const state = store.region(ACCOUNT, REGION);
    putThing(state, { thingName: 'a' }, NOW);
    putThing(state, { thingName: 'b' }, NOW);
    for (let version = 2; version <= 5; version++) state.things.put('a', { ...state.things.get('a')!, version });
    await store.whenDurable();
    assert.deepEqual(journalChanges(path).map((record) => [record.k, record.v?.version]), [['a', 5], ['b', 1]]);
    const reopened = openStore(path);
    assert.deepEqual([...reopened.region(ACCOUNT, REGION).things.values()].map((thing) => [thing.thingName, thing.version]), [['a', 5], ['b', 1]], 'creation order and last value survive');
  });

  it('never merges across a delete, a reset or a rolled-back transaction', async () => {
    const path = join(folder, `state-${++files}.json`);
    const store = openStore(path);
    let state = store.region(ACCOUNT, REGION);
    putThing(state, { thingName: 'gone' }, NOW);
    state.things.delete('gone');
    putThing(state, { thingName: 'gone' }, NOW);
    putThing(state, { thingName: 'kept' }, NOW);
    assert.throws(() =>
      store.atomically(state, () => {
        state.things.put('kept', { ...state.things.get('kept')!, version: 9 });
        throw new Error('refused');
      }),
    );
    state.things.put('kept', { ...state.things.get('kept')!, version: 2 });
    store.reset();
    state = store.region(ACCOUNT, REGION);
    putThing(state, { thingName: 'after-reset' }, NOW);
    await store.whenDurable();
    assert.deepEqual(
      journalChanges(path).map((record) => [record.k, record.v === undefined && record.d === undefined ? 'deleted' : (record.v ?? record.d)!.version]),
      // 'kept' 1 stood before the transaction's mark, so the later put is a record of its own; the rolled-back 9 is nowhere.
      [['gone', 1], ['gone', 'deleted'], ['gone', 1], ['kept', 1], ['kept', 2], ['after-reset', 1]],
    );
    const reopened = openStore(path);
    assert.deepEqual([...reopened.region(ACCOUNT, REGION).things.keys()], ['after-reset'], 'the reset still drops what came before it');
  });
});
