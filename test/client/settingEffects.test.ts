/** Every setting has a declared effect on change, and docs/extension.md's settings table says it. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { effectsOfChange, SETTING_EFFECTS } from '../../client/connection/model/settingEffects';

const root = join(__dirname, '..', '..');
const declared = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).contributes.configuration.properties).sort();

test('every contributed setting, and only those, says what happens when it changes', () => {
  assert.deepEqual(Object.keys(SETTING_EFFECTS).sort(), declared);
});

test('the settings table of docs/extension.md lists every setting with the words of its effect', () => {
  const page = readFileSync(join(root, 'docs', 'extension.md'), 'utf8');
  const section = page.slice(page.indexOf('## Settings'), page.indexOf('## Commands'));
  const rows = new Map([...section.matchAll(/^\| `(mitigations\.[\w.]+)` \|.*\| ([^|]+) \|$/gm)].map((match) => [match[1], match[2]]));
  assert.deepEqual([...rows.keys()].sort(), declared);
  for (const [setting, behaviour] of Object.entries(SETTING_EFFECTS)) assert.equal(rows.get(setting), behaviour.onChange, setting);
});

test('one change of several connection settings reconnects once; unrelated keys do nothing', () => {
  const changed = new Set(['mitigations.connection', 'mitigations.aws.profile', 'mitigations.aws.region', 'mitigations.emulator.pace']);
  assert.deepEqual(effectsOfChange((setting) => changed.has(setting)), ['reconnect', 'emulator-pace']);
  assert.deepEqual(effectsOfChange((setting) => setting === 'editor.fontSize'), []);
});
