/**
 * boto3 (Debian python3-boto3, run with /usr/bin/python3) against the emulator: its own
 * serializers, datetime parsing, paginators and error parsing. CI installs python3-boto3
 * with apt-get; the suite fails if it is missing.
 */
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { admin, awsEnvironment, emptyHome, hasPythonModule, requireExecutable, useDemoEmulator } from './helpers';

const PYTHON = '/usr/bin/python3';

describe('emulator: boto3', () => {
  before(() => {
    requireExecutable(PYTHON, 'install Python with `apt-get install -y python3`');
    if (!hasPythonModule(PYTHON, 'boto3')) throw new Error('boto3 is missing for /usr/bin/python3: install it with `apt-get install -y python3-boto3`');
  });
  const demo = useDemoEmulator({ reset: false });

  it('runs a full mitigation workflow with boto3 and its paginators', async () => {
    await admin(demo.emulator, 'POST', 'seed', { generate: { things: 1_100, prefix: 'boto' } });
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(PYTHON, [join(__dirname, 'fixtures', 'boto3_client.py'), demo.emulator.url], { env: awsEnvironment(emptyHome()) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`boto3 script failed (${code}): ${stderr}`))));
    });
    const result = JSON.parse(output);
    assert.equal(result.auditStatus, 'COMPLETED');
    assert.equal(result.actionArn, 'arn:aws:iot:us-east-1:123456789012:mitigationaction/BotoLogging');
    assert.equal(result.creationDateIsDatetime, true);
    assert.deepEqual([result.conflict.code, result.conflict.status], ['ResourceAlreadyExistsException', 409]);
    assert.deepEqual([result.notFound.code, result.notFound.status], ['ResourceNotFoundException', 404]);
    assert.equal(result.invalid.code, 'InvalidRequestException');
    assert.match(result.invalid.message, /DISABLED/);
    assert.equal(result.replay, 'boto-task');
    assert.deepEqual([result.otherToken.code, result.otherToken.status], ['TaskAlreadyExistsException', 400]);
    assert.equal(result.taskStatus, 'COMPLETED');
    assert.equal(result.statistics.LOGGING_DISABLED_CHECK.succeededFindingsCount, 1);
    assert.equal(result.logLevel, 'WARN');
    assert.equal(result.thingCount, 1_100 + 19);
    assert.equal(result.uniqueThings, result.thingCount);
    assert.ok(result.findingCount > 10);
    assert.equal(result.findingTimeIsDatetime, true);
    assert.deepEqual(result.taskIds, ['boto-task']);
    assert.equal(result.oldWindow.code, 'InvalidRequestException');
    assert.equal(result.unsupported.code, 'NotImplementedException');
  });
});
