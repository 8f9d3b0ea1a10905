/** MITIGATIONS_VSCODE_SPECS picks spec files of the VS Code suite by prefix (test/vscode/specFilter.ts). */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { selectSpecs } from './specFilter';

const FILES = ['01-activation.spec.js', '03-deploy.spec.js', '03b-rehearsal.spec.js', '08-real-account.spec.js', '13-audit-deploy.spec.js', '14-audit-loop-real-account.spec.js'];

test('unset or empty, every spec file runs', () => {
  assert.deepEqual(selectSpecs(FILES, undefined), FILES);
  assert.deepEqual(selectSpecs(FILES, ' , '), FILES);
});

test('the prefixes named run, in file order; "03" is not "03b"', () => {
  assert.deepEqual(selectSpecs(FILES, '14, 13'), ['13-audit-deploy.spec.js', '14-audit-loop-real-account.spec.js']);
  assert.deepEqual(selectSpecs(FILES, '03'), ['03-deploy.spec.js']);
  assert.deepEqual(selectSpecs(FILES, '03b,08'), ['03b-rehearsal.spec.js', '08-real-account.spec.js']);
});

test('a prefix no file has is refused with the ones there are', () => {
  assert.throws(() => selectSpecs(FILES, '13,15'), /^Error: MITIGATIONS_VSCODE_SPECS names no spec file for 15; the prefixes are 01, 03, 03b, 08, 13, 14\.$/);
});
