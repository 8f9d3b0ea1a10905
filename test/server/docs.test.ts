import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AUDIT_CHECKS } from '../../common/auditChecks';
import { PROBLEM_CODES } from '../../common/validate';
import { DUPLICATE_KEY_CODE, SYNTAX_CODE } from '../../common/document/problems';

const ROOT = join(__dirname, '..', '..');

describe('docs/language-server.md', () => {
  it('documents every diagnostic code the server can report', () => {
    assert.ok(PROBLEM_CODES.length > 20);
    const docs = readFileSync(join(ROOT, 'docs', 'language-server.md'), 'utf8');
    const documented = new Set([...docs.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]));
    for (const code of [...PROBLEM_CODES, SYNTAX_CODE, DUPLICATE_KEY_CODE]) assert.ok(documented.has(code), `${code} is not in the table`);
  });
});

describe('docs/catalogue.md', () => {
  it('has the check-to-action table of common/auditChecks.ts, row for row', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'catalogue.md'), 'utf8');
    const rows = [...docs.matchAll(/^\| `([A-Z_]+_CHECK)` \| ([A-Z]+) \| (.+) \|$/gm)].map((match) => ({
      name: match[1],
      severity: match[2],
      actions: [...match[3].matchAll(/`([A-Z_]+)`/g)].map((action) => action[1]),
      inferred: match[3].includes('(inferred'),
    }));
    assert.deepEqual(rows, AUDIT_CHECKS.map((check) => ({ name: check.name, severity: check.severity, actions: [...check.applicableActions], inferred: check.inferredActions === true })));
  });
});
