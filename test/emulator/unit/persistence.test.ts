/**
 * The durable store, run directly on files in a temporary folder: every committed change is
 * journaled and replayed, a snapshot plus the journal after it rebuild the same state, an
 * atomic change that throws leaves nothing, a torn last line is cut off, and a file that
 * cannot be trusted is refused with its name.
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { putThing } from '../../../emulator/fleet/builders';
import { Persistence, StateFileError } from '../../../emulator/state/persistence';
import { Store } from '../../../emulator/state/store';

const folder = mkdtempSync(join(tmpdir(), 'emulator-persistence-'));
after(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const SETTINGS = { paceMs: 0, clockOffsetMs: 0 };
const NOW = Date.UTC(2026, 0, 15);

/** A store on `path` with an empty seed, opened as the emulator opens it at start. */
function openStore(path: string): { store: Store; note: string | undefined } {
  const store = new Store(() => {}, SETTINGS, new Persistence(path));
  return { store, note: store.open() };
}
const thingNames = (store: Store) => [...store.region('123456789012', 'us-east-1').things.keys()];

describe('emulator persistence', () => {
  it('replays the journal: committed puts, deletes and settings survive a restart without a snapshot', () => {
    const path = join(folder, `state-${++files}.json`);
    const { store } = openStore(path);
    const state = store.region('123456789012', 'us-east-1');
    putThing(state, { thingName: 'a' }, NOW);
    putThing(state, { thingName: 'b' }, NOW);
    state.things.delete('a');
    store.updateSettings({ paceMs: 250 });
    store.commit();
    assert.equal(existsSync(path), false, 'no snapshot was written: the journal alone holds the changes');
    const reopened = openStore(path).store;
    assert.deepEqual(thingNames(reopened), ['b']);
    assert.equal(reopened.settings.paceMs, 250);
  });

  it('rebuilds from a snapshot plus the journal records after it', () => {
    const path = join(folder, `state-${++files}.json`);
    const { store } = openStore(path);
    putThing(store.region('123456789012', 'us-east-1'), { thingName: 'before-snapshot' }, NOW);
    store.commit();
    store.snapshot();
    putThing(store.region('123456789012', 'us-east-1'), { thingName: 'after-snapshot' }, NOW);
    store.commit();
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).regions['123456789012/us-east-1'].things.length, 1);
    assert.deepEqual(thingNames(openStore(path).store), ['before-snapshot', 'after-snapshot']);
  });

  it('keeps nothing of an atomic change that throws, in memory or in the journal', () => {
    const path = join(folder, `state-${++files}.json`);
    const { store } = openStore(path);
    const state = store.region('123456789012', 'us-east-1');
    putThing(state, { thingName: 'kept' }, NOW);
    assert.throws(() => store.atomically(state, () => {
      putThing(state, { thingName: 'half' }, NOW);
      throw new Error('second step failed');
    }), /second step failed/);
    store.commit();
    assert.deepEqual(thingNames(store), ['kept']);
    assert.deepEqual(thingNames(openStore(path).store), ['kept']);
  });

  it('cuts off a torn last journal line (never acknowledged) and says so', () => {
    const path = join(folder, `state-${++files}.json`);
    const { store } = openStore(path);
    putThing(store.region('123456789012', 'us-east-1'), { thingName: 'acknowledged' }, NOW);
    store.commit();
    appendFileSync(`${path}.journal`, '{"s":99,"r":"123456789012/us-east-1","c":"things","k":"torn","v":{"thingN');
    const { store: reopened, note } = openStore(path);
    assert.match(note ?? '', /ignored an unacknowledged, partly written last journal record \(\d+ bytes\)/);
    assert.deepEqual(thingNames(reopened), ['acknowledged']);
    assert.ok(readFileSync(`${path}.journal`, 'utf8').endsWith('\n'), 'the torn tail is gone from the file');
  });

  it('refuses an unreadable state file, a foreign or newer one and a corrupt journal line, naming the file', () => {
    const unreadable = join(folder, `state-${++files}.json`);
    writeFileSync(unreadable, '{"format": "iot-mitigations-emulator-state", "seq": ');
    assert.throws(() => openStore(unreadable), (error: unknown) => error instanceof StateFileError && error.message.startsWith(`${unreadable}: not a readable IoT Mitigations emulator state file`));
    const foreign = join(folder, `state-${++files}.json`);
    writeFileSync(foreign, '{"hello": "world"}');
    assert.throws(() => openStore(foreign), new StateFileError(`${foreign}: not an IoT Mitigations emulator state file (expected "format": "iot-mitigations-emulator-state").`));
    const newer = join(folder, `state-${++files}.json`);
    writeFileSync(newer, JSON.stringify({ format: 'iot-mitigations-emulator-state', version: 2, seq: 0, regions: {} }));
    assert.throws(() => openStore(newer), /state format version 2 is not supported by this emulator \(it reads version 1\)/);
    const corrupt = join(folder, `state-${++files}.json`);
    const { store } = openStore(corrupt);
    putThing(store.region('123456789012', 'us-east-1'), { thingName: 'a' }, NOW);
    store.commit();
    appendFileSync(`${corrupt}.journal`, 'garbage\n{"s":100,"op":"reset"}\n');
    const journal = readFileSync(`${corrupt}.journal`, 'utf8');
    assert.throws(() => openStore(corrupt), (error: unknown) => error instanceof StateFileError && error.message.startsWith(`${corrupt}.journal: journal line 4 is corrupt; refusing to start`));
    assert.equal(readFileSync(`${corrupt}.journal`, 'utf8'), journal, 'a refused journal is left untouched');
  });
});
