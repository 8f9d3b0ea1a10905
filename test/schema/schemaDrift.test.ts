import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCHEMA_PATH, renderSchema } from '../../scripts/generate-schema';
import { ROOT } from './helpers';

test('the committed schema is exactly what scripts/generate-schema.ts generates from common/', () => {
  assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), renderSchema(), 'schemas/mitigation.schema.json is stale: run npx tsx scripts/generate-schema.ts');
});

test('generate-schema --check succeeds on the committed schema', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'generate-schema.ts'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /up to date/);
});
