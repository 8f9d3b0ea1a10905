/** The language-server parts of the extension manifest: the problem matcher and editor defaults. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCheckCli } from '../../cli/check';
import { MAX_EMULATOR_PACE_MS } from '../../common/limits';
import { LANGUAGE_ID } from '../../common/lspProtocol';
import { EXAMPLES } from './helpers';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

async function check(args: string[]): Promise<string> {
  let out = '';
  await runCheckCli(args, { out: (text) => (out += text), err: () => undefined }, EXAMPLES);
  return out;
}

describe('manifest: problem matcher and editor defaults', () => {
  it('contributes a problem matcher that reads every line of `check` into the same fields as --format json', async () => {
    const [matcher] = pkg.contributes.problemMatchers;
    assert.equal(matcher.name, 'iot-mitigations');
    assert.ok(nls[matcher.label.slice(1, -1)], 'its label is localised');
    const pattern = new RegExp(matcher.pattern.regexp);
    const lines = (await check(['mistakes.mitigation.json'])).trim().split('\n');
    const json = JSON.parse(await check(['--format', 'json', 'mistakes.mitigation.json']));
    const expected = json.files[0].diagnostics;
    assert.equal(lines.length, expected.length);
    lines.forEach((line, index) => {
      const match = pattern.exec(line);
      assert.ok(match, line);
      const field = (name: string) => match[matcher.pattern[name]];
      assert.equal(field('file'), 'mistakes.mitigation.json');
      assert.deepEqual([Number(field('line')), Number(field('column')), field('severity'), field('code'), field('message')], [expected[index].line, expected[index].column, expected[index].severity, expected[index].code, expected[index].message]);
    });
  });

  it('turns off word-based suggestions for mitigation files (the server offers what fits)', () => {
    const defaults = pkg.contributes.configurationDefaults[`[${LANGUAGE_ID}]`];
    assert.equal(defaults['editor.wordBasedSuggestions'], 'off');
    assert.equal(defaults['editor.suggest.showWords'], false);
    assert.ok(pkg.contributes.languages.some((language: { id: string }) => language.id === LANGUAGE_ID));
  });

  it('bounds the emulator pace setting by the bound the emulator accepts', () => {
    const pace = pkg.contributes.configuration.properties['mitigations.emulator.pace'];
    assert.equal(pace.minimum, 0);
    assert.equal(pace.maximum, MAX_EMULATOR_PACE_MS);
    assert.ok(pace.default >= pace.minimum && pace.default <= pace.maximum);
  });
});

