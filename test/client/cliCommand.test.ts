import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { copiedActionCommand, copiedTaskCommand, createActionCommand, shellQuote, startTaskCommand } from '../../client/actions/model/cliCommand';
import { emulatorCliConnection } from '../../client/connection/model/emulatorCli';

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

test('the emulator command carries its dummy credentials, region and endpoint; a real account only --profile and --region', () => {
  const action = { actionName: 'Notify', roleArn: 'arn:aws:iam::123456789012:role/R', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } } };
  const emulator = copiedActionCommand(action, [{ Key: 'team', Value: 'sec' }], emulatorCliConnection('http://127.0.0.1:4567'));
  assert.equal(
    emulator,
    `AWS_ACCESS_KEY_ID=EMULATOREXAMPLEKEY AWS_SECRET_ACCESS_KEY=emulator-example-secret AWS_REGION=us-east-1 aws iot create-mitigation-action --action-name Notify --role-arn arn:aws:iam::123456789012:role/R --action-params '{"publishFindingToSnsParams":{"topicArn":"arn:aws:sns:us-east-1:123456789012:t"}}' --tags '[{"Key":"team","Value":"sec"}]' --endpoint-url http://127.0.0.1:4567`,
  );
  const real = copiedActionCommand(action, [], { profile: 'prod', region: 'eu-west-1' });
  assert.ok(real.startsWith('aws iot create-mitigation-action '), 'no variables, no secrets for a real account');
  assert.ok(real.endsWith(' --region eu-west-1 --profile prod'));
  assert.ok(!real.includes('--tags'), 'an untagged action has no --tags');
});

test('a copied task gets a fresh UUID v4 each time, never the original id', () => {
  const described = { taskId: 'original', target: { findingIds: ['f1', 'f2'] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['EnableLogging'] } };
  const ids = [1, 2, 3].map(() => /--task-id (\S+)/.exec(copiedTaskCommand(described, { region: 'us-east-1' }))?.[1]);
  for (const id of ids) assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, 3);
  assert.ok(!ids.includes('original'));
  assert.equal(
    copiedTaskCommand(described, { region: 'us-east-1' }, 'given-id'),
    `aws iot start-audit-mitigation-actions-task --task-id given-id --target '{"findingIds":["f1","f2"]}' --audit-check-to-actions-mapping '{"LOGGING_DISABLED_CHECK":["EnableLogging"]}' --region us-east-1`,
  );
});
