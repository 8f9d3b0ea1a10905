/**
 * Generates syntaxes/mitigation-json.tmLanguage.json: JSON with comments, plus scopes for the
 * domain constants (action types and their ...Params keys, audit checks and their legacy
 * aliases, reason codes, check thresholds, enum values of actions and schedules) and ARNs
 * inside strings. The constant lists come from
 * the catalogue in common/, so the grammar cannot drift from it:
 *   npx tsx scripts/generate-grammar.ts          (writes the file)
 *   npx tsx scripts/generate-grammar.ts --check  (exit 1 when the committed file is stale; for CI)
 */
import { join } from 'node:path';
import {
  ACTION_TYPES,
  ALL_REASON_CODES,
  AUDIT_CHECKS,
  AuditFrequencyShape,
  ConfigName,
  DayOfWeekShape,
  CACertificateUpdateAction,
  DeviceCertificateUpdateAction,
  LEGACY_CHECK_ALIASES,
  LogLevel,
  MITIGATION_ACTION_TYPES,
  PolicyTemplateName,
} from '../common';
import { writeOrCheck } from './writeOrCheck';

export const GRAMMAR_PATH = join(__dirname, '..', 'syntaxes', 'mitigation-json.tmLanguage.json');

const LANG = 'mitigation-json';

/** Appends the language suffix every scope carries, as TextMate conventions ask. */
function scope(...names: string[]): string {
  return names.map((name) => `${name}.${LANG}`).join(' ');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Longest first, so no alternative is cut short by a shorter one that is its prefix. */
function alternation(values: readonly string[]): string {
  return [...new Set(values)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRegex).join('|');
}

/** Enum values of the catalogue's action parameters (DEACTIVATE, BLANK_POLICY, log levels) and schedules (frequencies, days; LAST of the month). */
const ENUM_VALUES: readonly string[] = [
  ...new Set([DeviceCertificateUpdateAction, CACertificateUpdateAction, PolicyTemplateName, LogLevel, AuditFrequencyShape, DayOfWeekShape].flatMap((shape) => shape.enum ?? [])),
  'LAST',
];

const CONSTANT_GROUPS = {
  actionType: [...MITIGATION_ACTION_TYPES],
  paramsKey: ACTION_TYPES.map((info) => info.paramsKey),
  auditCheck: AUDIT_CHECKS.map((check) => check.name),
  legacyAuditCheck: Object.keys(LEGACY_CHECK_ALIASES),
  reasonCode: [...ALL_REASON_CODES],
  threshold: [...(ConfigName.enum ?? [])],
  enumValue: ENUM_VALUES,
};

type Rule = Record<string, unknown>;

/** A bracketed structure (array or dictionary): its delimiters and their scopes. */
function bracketed(begin: string, end: string, kind: 'array' | 'dictionary'): Rule {
  return {
    begin,
    beginCaptures: { 0: { name: scope(`punctuation.definition.${kind}.begin`) } },
    end,
    endCaptures: { 0: { name: scope(`punctuation.definition.${kind}.end`) } },
    name: scope(`meta.structure.${kind}`),
  };
}

/** A whole string whose content is exactly one of `values`, e.g. "DEACTIVATE". */
function wholeString(values: readonly string[], stringScope: string, constantScope: string, quote = 'punctuation.definition.string'): Rule {
  return {
    match: `(")(${alternation(values)})(")`,
    name: stringScope,
    captures: {
      1: { name: scope(`${quote}.begin`) },
      2: { name: constantScope },
      3: { name: scope(`${quote}.end`) },
    },
  };
}

const KEY_QUOTE = 'punctuation.support.type.property-name';

const VALUE_STRING = scope('string.quoted.double');
const KEY_STRING = `${scope('string.quoted.double')} ${scope('support.type.property-name')}`;

function constantValueRules(): Rule[] {
  return [
    wholeString(CONSTANT_GROUPS.actionType, VALUE_STRING, scope('support.constant.action-type')),
    wholeString(CONSTANT_GROUPS.auditCheck, VALUE_STRING, scope('support.constant.audit-check')),
    wholeString(CONSTANT_GROUPS.legacyAuditCheck, VALUE_STRING, scope('invalid.deprecated.audit-check')),
    wholeString(CONSTANT_GROUPS.reasonCode, VALUE_STRING, scope('support.constant.reason-code')),
    wholeString(CONSTANT_GROUPS.enumValue, VALUE_STRING, scope('support.constant.enum')),
  ];
}

function constantKeyRules(): Rule[] {
  return [
    wholeString(CONSTANT_GROUPS.paramsKey, KEY_STRING, scope('support.type.property-name.action-params'), KEY_QUOTE),
    wholeString(CONSTANT_GROUPS.auditCheck, KEY_STRING, scope('support.constant.audit-check'), KEY_QUOTE),
    wholeString(CONSTANT_GROUPS.legacyAuditCheck, KEY_STRING, scope('invalid.deprecated.audit-check'), KEY_QUOTE),
    wholeString(CONSTANT_GROUPS.threshold, KEY_STRING, scope('support.type.property-name.threshold'), KEY_QUOTE),
  ];
}

/**
 * arn:partition:service:region:account:resource at the start of a string. The account may be
 * empty (S3) and the region too (IAM); the resource runs to the end of the string.
 */
const ARN_RULE: Rule = {
  match: '\\G(arn)(:)(aws[a-zA-Z-]*)(:)([a-z0-9-]+)(:)([a-z0-9-]*)(:)([0-9]{12})?(:)((?:[^"\\\\]|\\\\.)+)(?=")',
  name: scope('meta.arn'),
  captures: {
    1: { name: scope('keyword.other.arn') },
    2: { name: scope('punctuation.separator.arn') },
    3: { name: scope('entity.name.namespace.arn.partition') },
    4: { name: scope('punctuation.separator.arn') },
    5: { name: scope('entity.name.type.arn.service') },
    6: { name: scope('punctuation.separator.arn') },
    7: { name: scope('constant.other.arn.region') },
    8: { name: scope('punctuation.separator.arn') },
    9: { name: scope('constant.numeric.arn.account') },
    10: { name: scope('punctuation.separator.arn') },
    11: { name: scope('variable.other.arn.resource') },
  },
};

const ESCAPES: Rule[] = [
  { match: '\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})', name: scope('constant.character.escape') },
  { match: '\\\\.', name: scope('invalid.illegal.unrecognized-string-escape') },
];

function buildGrammar(): Rule {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Mitigation JSON',
    scopeName: `source.${LANG}`,
    comment: 'Generated by scripts/generate-grammar.ts from common/; do not edit.',
    fileTypes: ['mitigation.json'],
    patterns: [{ include: '#value' }],
    repository: {
      value: {
        patterns: [
          { include: '#comments' },
          { include: '#literal' },
          { include: '#number' },
          { include: '#constant-string' },
          { include: '#string' },
          { include: '#array' },
          { include: '#object' },
        ],
      },
      comments: {
        patterns: [
          {
            begin: '/\\*\\*(?!/)',
            end: '\\*/',
            name: scope('comment.block.documentation'),
            captures: { 0: { name: scope('punctuation.definition.comment') } },
          },
          {
            begin: '/\\*',
            end: '\\*/',
            name: scope('comment.block'),
            captures: { 0: { name: scope('punctuation.definition.comment') } },
          },
          {
            match: '(//).*$\\n?',
            name: scope('comment.line.double-slash'),
            captures: { 1: { name: scope('punctuation.definition.comment') } },
          },
        ],
      },
      literal: { match: '\\b(?:true|false|null)\\b', name: scope('constant.language') },
      number: {
        match: '-?(?:0|[1-9][0-9]*)(?:(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)?',
        name: scope('constant.numeric'),
      },
      'constant-string': { patterns: constantValueRules() },
      string: {
        begin: '"',
        beginCaptures: { 0: { name: scope('punctuation.definition.string.begin') } },
        end: '"',
        endCaptures: { 0: { name: scope('punctuation.definition.string.end') } },
        name: VALUE_STRING,
        patterns: [ARN_RULE, ...ESCAPES],
      },
      'object-key': {
        patterns: [
          ...constantKeyRules(),
          {
            begin: '"',
            beginCaptures: { 0: { name: scope(`${KEY_QUOTE}.begin`) } },
            end: '"',
            endCaptures: { 0: { name: scope(`${KEY_QUOTE}.end`) } },
            name: KEY_STRING,
            patterns: ESCAPES,
          },
        ],
      },
      array: {
        ...bracketed('\\[', '\\]', 'array'),
        patterns: [
          { include: '#value' },
          { match: ',', name: scope('punctuation.separator.array') },
          { match: '[^\\s\\]]', name: scope('invalid.illegal.expected-array-separator') },
        ],
      },
      object: {
        ...bracketed('\\{', '\\}', 'dictionary'),
        patterns: [
          { include: '#comments' },
          { include: '#object-key' },
          {
            // The value runs from ":" to the next "," or the closing brace.
            begin: ':',
            beginCaptures: { 0: { name: scope('punctuation.separator.dictionary.key-value') } },
            end: '(,)|(?=\\})',
            endCaptures: { 1: { name: scope('punctuation.separator.dictionary.pair') } },
            name: scope('meta.structure.dictionary.value'),
            patterns: [{ include: '#value' }, { match: '[^\\s,]', name: scope('invalid.illegal.expected-dictionary-separator') }],
          },
          { match: '[^\\s\\}]', name: scope('invalid.illegal.expected-dictionary-separator') },
        ],
      },
    },
  };
}

export function renderGrammar(): string {
  return `${JSON.stringify(buildGrammar(), null, 2)}\n`;
}

if (require.main === module) process.exitCode = writeOrCheck(GRAMMAR_PATH, renderGrammar(), 'npx tsx scripts/generate-grammar.ts', process.argv.slice(2));
