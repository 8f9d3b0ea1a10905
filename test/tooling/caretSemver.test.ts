/**
 * scripts/caretSemver.cjs, which dist/languageClient.js carries instead of semver for
 * vscode-languageclient's check of the VS Code version: it answers as semver does, for the
 * versions VS Code reports and the caret ranges the library states.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, satisfies } from '../../scripts/caretSemver.cjs';

/* eslint-disable @typescript-eslint/no-require-imports -- semver ships no types; it is what the bundle used to carry */
const semverParse = require('semver/functions/parse') as (version: string) => { major: number; minor: number; patch: number; prerelease: Array<string | number> } | null;
const semverSatisfies = require('semver/functions/satisfies') as (version: string, range: string) => boolean;
/* eslint-enable @typescript-eslint/no-require-imports */

const VERSIONS = [
  '1.82.0', '1.81.9', '1.82.1', '1.96.2', '1.100.0', '2.0.0', '0.82.0', '1.0.0', 'v1.90.0', ' 1.90.0 ', '1.97.0-insider', '1.82.0-0',
  '1.90.0+build.7', '1.90.0-rc.1+build', '01.90.0', '1.90', '1.90.0.1', '', 'insider', '1.9x.0', '0.2.3', '0.2.9', '0.3.0', '0.0.3', '0.0.4', '99999999999999999.0.0',
];
const RANGES = ['^1.82.0', '^1.0.0', '^0.2.3', '^0.0.3', '^2.1.0'];

describe('caretSemver (the language client bundle\'s version check)', () => {
  it('parses as semver does', () => {
    for (const version of VERSIONS) {
      const expected = semverParse(version);
      const actual = parse(version);
      assert.deepEqual(actual && { major: actual.major, minor: actual.minor, patch: actual.patch, prerelease: actual.prerelease }, expected && { major: expected.major, minor: expected.minor, patch: expected.patch, prerelease: expected.prerelease }, JSON.stringify(version));
    }
  });

  it('answers each caret range as semver does, also for a parsed version stripped of its pre-release (as the library passes it)', () => {
    for (const range of RANGES) {
      for (const version of VERSIONS) {
        assert.equal(satisfies(version, range), semverSatisfies(version, range), `${JSON.stringify(version)} in ${range}`);
        const parsed = parse(version);
        if (parsed) assert.equal(satisfies({ ...parsed, prerelease: [] }, range), semverSatisfies(`${parsed.major}.${parsed.minor}.${parsed.patch}`, range), `${JSON.stringify(version)} without its pre-release in ${range}`);
      }
    }
  });

  it('refuses a range it does not handle instead of answering it wrongly', () => {
    assert.throws(() => satisfies('1.90.0', '>=1.82.0'), /only a caret range like \^1\.82\.0, not >=1\.82\.0/);
  });
});
