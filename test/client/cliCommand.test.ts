import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { createActionCommand, shellQuote, startTaskCommand } from '../../client/actions/model/cliCommand';

test('safe words stay bare, others are single-quoted with embedded quotes escaped', () => {
  assert.equal(shellQuote('arn:aws:iam::123456789012:role/IoT'), 'arn:aws:iam::123456789012:role/IoT');
  assert.equal(shellQuote('{"a":1}'), `'{"a":1}'`);
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});

test('create-mitigation-action for an AWS profile and region', () => {
  const command = createActionCommand(
    { name: 'Deactivate', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } },
    { profile: 'prod', region: 'eu-west-1' },
  );
  assert.equal(
    command,
    `aws iot create-mitigation-action --action-name Deactivate --role-arn arn:aws:iam::123456789012:role/R --action-params '{"updateDeviceCertificateParams":{"action":"DEACTIVATE"}}' --region eu-west-1 --profile prod`,
  );
});

test('tags and the emulator endpoint are included', () => {
  const command = createActionCommand(
    { name: 'A', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: {}, tags: [{ Key: 'team', Value: "o'neil" }] },
    { endpointUrl: 'http://127.0.0.1:4567', region: 'us-east-1' },
  );
  assert.match(command, / --tags '\[\{"Key":"team","Value":"o'\\''neil"\}\]' --endpoint-url http:\/\/127.0.0.1:4567 --region us-east-1$/);
});

test('start-audit-mitigation-actions-task round-trips through a real shell', () => {
  const task = {
    taskId: 'quarantine-20261122T080000Z',
    target: { auditTaskId: 'abc123' },
    auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Quarantine', "It's"] },
    clientRequestToken: 'token-1',
  };
  const command = startTaskCommand(task, { region: 'us-east-1' });
  assert.ok(command.startsWith('aws iot start-audit-mitigation-actions-task --task-id quarantine-20261122T080000Z '));
  // Replace `aws` by a printer so the shell shows how it splits the words.
  const words = execFileSync('sh', ['-c', `printargs() { for a in "$@"; do printf '%s\\n' "$a"; done; }; ${command.replace(/^aws /, 'printargs ')}`], { encoding: 'utf8' }).trimEnd().split('\n');
  assert.deepEqual(JSON.parse(words[words.indexOf('--audit-check-to-actions-mapping') + 1]), task.auditCheckToActionsMapping);
  assert.deepEqual(JSON.parse(words[words.indexOf('--target') + 1]), task.target);
});
