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
import type { Thing } from '../../../emulator/state/types';

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
    writeFileSync(newer, JSON.stringify({ format: 'iot-mitigations-emulator-state', version: 3, seq: 0, regions: {} }));
    assert.throws(() => openStore(newer), /state format version 3 is not supported by this emulator \(it reads versions 1 and 2\)/);
    const corrupt = join(folder, `state-${++files}.json`);
    const { store } = openStore(corrupt);
    putThing(store.region('123456789012', 'us-east-1'), { thingName: 'a' }, NOW);
    store.commit();
    appendFileSync(`${corrupt}.journal`, 'garbage\n{"s":100,"op":"reset"}\n');
    const journal = readFileSync(`${corrupt}.journal`, 'utf8');
    assert.throws(() => openStore(corrupt), (error: unknown) => error instanceof StateFileError && error.message.startsWith(`${corrupt}.journal: journal line 3 is corrupt; refusing to start`), "header, the commit's one line, then the garbage");
    assert.equal(readFileSync(`${corrupt}.journal`, 'utf8'), journal, 'a refused journal is left untouched');
  });

  it('journals a put over an entity as the members that changed, and replays it to the same entity', () => {
    const path = join(folder, `state-${++files}.json`);
    const { store } = openStore(path);
    const state = store.region('123456789012', 'us-east-1');
    putThing(state, { thingName: 'a', attributes: { color: 'red' } }, NOW);
    store.commit();
    // A member dropped from an entity (here one the type requires, to have one to drop) is journaled as removed.
    const { attributes: _dropped, ...withoutAttributes } = state.things.get('a')!;
    state.things.put('a', { ...withoutAttributes, version: 7 } as Thing);
    store.commit();
    const last = JSON.parse(readFileSync(`${path}.journal`, 'utf8').trimEnd().split('\n').pop()!);
    assert.deepEqual([last.c, last.k, last.v, last.d, last.x], ['things', 'a', undefined, { version: 7 }, ['attributes']]);
    const { store: reopened } = openStore(path);
    assert.deepEqual(reopened.region('123456789012', 'us-east-1').things.get('a'), state.things.get('a'));
  });

  it('refuses a change record to an entity that does not exist, naming the journal and the record', () => {
    const path = join(folder, `state-${++files}.json`);
    writeFileSync(`${path}.journal`, '{"format":"iot-mitigations-emulator-journal","version":2}\n{"s":1,"op":"region","r":"123456789012/us-east-1"}\n{"s":2,"r":"123456789012/us-east-1","c":"things","k":"nobody","d":{"version":2}}\n');
    assert.throws(() => openStore(path), new StateFileError(`${path}.journal: journal record 2 cannot be applied (it changes things/nobody, which does not exist); refusing to start so nothing is lost.`));
  });

  it('loads version 1 files and rewrites them in version 2 before journaling anything', () => {
    const path = join(folder, `state-${++files}.json`);
    writeFileSync(path, JSON.stringify({ format: 'iot-mitigations-emulator-state', version: 1, seq: 1, savedAt: '2026-01-15T00:00:00.000Z', settings: SETTINGS, regions: { '123456789012/us-east-1': { things: [['old', { thingName: 'old', thingId: 'id-old', thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/old', attributes: {}, version: 1, principals: [], groupNames: [], creationDate: NOW }]] } } }));
    writeFileSync(`${path}.journal`, '{"format":"iot-mitigations-emulator-journal","version":1}\n{"s":2,"r":"123456789012/us-east-1","c":"things","k":"later","v":{"thingName":"later","thingId":"id-later","thingArn":"arn:aws:iot:us-east-1:123456789012:thing/later","attributes":{},"version":1,"principals":[],"groupNames":[],"creationDate":0}}\n');
    const { store } = openStore(path);
    assert.deepEqual(thingNames(store), ['old', 'later']);
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).version, 2);
    assert.equal(readFileSync(`${path}.journal`, 'utf8'), '{"format":"iot-mitigations-emulator-journal","version":2}\n');
  });
});
