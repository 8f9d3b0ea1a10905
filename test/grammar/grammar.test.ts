/**
 * The TextMate grammar and the language configuration. Scope assertions live in
 * test/grammar/cases/*.mitigation.json.test and run through vscode-tmgrammar-test, which
 * reads the grammar contributed in package.json.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ACTION_TYPES, AUDIT_CHECKS, LEGACY_CHECK_ALIASES, ALL_REASON_CODES, AuditFrequencyShape, ConfigName, DayOfWeekShape, LogLevel } from '../../common';
import { GRAMMAR_PATH, renderGrammar } from '../../scripts/generate-grammar';

const ROOT = join(__dirname, '..', '..');
const TOOL = join(ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

function runTool(...cases: string[]) {
  return spawnSync(process.execPath, [TOOL, '--compact', ...cases], { cwd: ROOT, encoding: 'utf8' });
}

describe('grammar scopes (vscode-tmgrammar-test)', () => {
  for (const name of ['json.mitigation.json.test', 'domain.mitigation.json.test', 'audit-loop.mitigation.json.test']) {
    test(name, () => {
      const result = runTool(join('test', 'grammar', 'cases', name));
      assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    });
  }

  test('a wrong scope assertion makes the tool fail, so the cases above are real checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grammar-'));
    try {
      const wrong = join(dir, 'wrong.mitigation.json.test');
      writeFileSync(wrong, ['// SYNTAX TEST "source.mitigation-json" "deliberately wrong"', '{ "x": "DEACTIVATE" }', '//       ^^^^^^^^^^ support.constant.audit-check.mitigation-json', ''].join('\n'));
      const result = runTool(wrong);
      assert.notEqual(result.status, 0, result.stdout);
      assert.match(result.stdout, /support\.constant\.audit-check/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('grammar generated from the catalogue', () => {
  test('the committed grammar is exactly what scripts/generate-grammar.ts generates', () => {
    assert.equal(readFileSync(GRAMMAR_PATH, 'utf8'), renderGrammar(), 'syntaxes/mitigation-json.tmLanguage.json is stale: run npx tsx scripts/generate-grammar.ts');
  });

  test('generate-grammar --check succeeds on the committed grammar', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'generate-grammar.ts'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });

  /** The alternation of the committed rule that gives `constantScope` to its second capture. */
  function constantsWithScope(constantScope: string): string[][] {
    const grammar = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as { repository: Record<string, { patterns?: { match?: string; captures?: Record<string, { name: string }> }[] }> };
    const found: string[][] = [];
    for (const rule of Object.values(grammar.repository)) {
      for (const pattern of rule.patterns ?? []) {
        if (pattern.captures?.['2']?.name !== constantScope || !pattern.match) continue;
        const alternation = /^\("\)\((.*)\)\("\)$/.exec(pattern.match);
        assert.ok(alternation, pattern.match);
        found.push(alternation[1].split('|').map((value) => value.replace(/\\(.)/g, '$1')).sort());
      }
    }
    return found;
  }

  const sorted = (values: readonly string[]) => [...values].sort();

  test('audit check names (keys and values) are exactly the catalogue checks', () => {
    const found = constantsWithScope('support.constant.audit-check.mitigation-json');
    assert.equal(found.length, 2, 'one rule for keys, one for values');
    for (const names of found) assert.deepEqual(names, sorted(AUDIT_CHECKS.map((check) => check.name)));
  });

  test('legacy aliases get the deprecated scope', () => {
    for (const names of constantsWithScope('invalid.deprecated.audit-check.mitigation-json')) assert.deepEqual(names, sorted(Object.keys(LEGACY_CHECK_ALIASES)));
  });

  test('action types, params keys, reason codes and enum values come from the catalogue', () => {
    assert.deepEqual(constantsWithScope('support.constant.action-type.mitigation-json'), [sorted(ACTION_TYPES.map((info) => info.type))]);
    assert.deepEqual(constantsWithScope('support.type.property-name.action-params.mitigation-json'), [sorted(ACTION_TYPES.map((info) => info.paramsKey))]);
    assert.deepEqual(constantsWithScope('support.constant.reason-code.mitigation-json'), [sorted(ALL_REASON_CODES)]);
    const enums = constantsWithScope('support.constant.enum.mitigation-json')[0];
    for (const level of LogLevel.enum ?? []) assert.ok(enums.includes(level), level);
    assert.ok(enums.includes('DEACTIVATE') && enums.includes('BLANK_POLICY'));
    for (const value of [...(AuditFrequencyShape.enum ?? []), ...(DayOfWeekShape.enum ?? []), 'LAST']) assert.ok(enums.includes(value), value);
    assert.deepEqual(constantsWithScope('support.type.property-name.threshold.mitigation-json'), [sorted(ConfigName.enum ?? [])]);
  });
});

describe('language configuration', () => {
  const config = JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8')) as {
    comments: { lineComment: string; blockComment: [string, string] };
    autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
    surroundingPairs: [string, string][];
    wordPattern: string;
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    folding: { markers: { start: string; end: string } };
  };

  test('JSONC comments', () => {
    assert.equal(config.comments.lineComment, '//');
    assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  });

  test('quotes and brackets close automatically, but not inside strings', () => {
    for (const open of ['{', '[', '"']) {
      const pair = config.autoClosingPairs.find((candidate) => candidate.open === open);
      assert.ok(pair?.notIn?.includes('string'), open);
    }
    assert.deepEqual(config.surroundingPairs.map(([open]) => open).sort(), ['"', '[', '{']);
  });

  test('check names, reason codes, action names and numbers are one word each', () => {
    const words = (text: string) => text.match(new RegExp(config.wordPattern, 'g'));
    assert.deepEqual(words('"DEVICE_CERTIFICATE_SHARED_CHECK": ["quarantine-device_1"]'), ['DEVICE_CERTIFICATE_SHARED_CHECK', 'quarantine-device_1']);
    assert.deepEqual(words('"CERTIFICATE_KEY_VULNERABILITY_CVE-2017-15361"'), ['CERTIFICATE_KEY_VULNERABILITY_CVE-2017-15361']);
    assert.deepEqual(words('"$schema": -1.5e3'), ['$schema', '-1.5e3']);
    assert.deepEqual(words('arn:aws:iam::123456789012:role/IoTMitigationRole'), ['arn', 'aws', 'iam', '123456789012', 'role', 'IoTMitigationRole']);
  });

  test('indentation follows unclosed brackets outside strings and comments', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    for (const line of ['  "actions": {', '"list": [', '{', '  "x": { // note', '  "url": "https://example.com", "o": {']) assert.ok(increase.test(line), line);
    for (const line of ['"a": "{"', '{ "a": 1 }', '// {', '"k": "[", "v": 1', '"a": [1, 2],']) assert.ok(!increase.test(line), line);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ['  }', '  ],', '}, {']) assert.ok(decrease.test(line), line);
    assert.ok(!decrease.test('  "a": 1'));
  });

  test('region markers fold', () => {
    assert.ok(new RegExp(config.folding.markers.start).test('  // #region quarantine'));
    assert.ok(new RegExp(config.folding.markers.end).test('  // #endregion'));
  });
});
