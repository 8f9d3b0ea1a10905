/**
 * `iot-mitigations rehearse` against an emulator process playing a real account (210987654321,
 * eu-west-1, demo fleet): through --endpoint, through a profile whose shared config has
 * endpoint_url, and through AWS_ENDPOINT_URL_IOT. The account's request log shows the rehearsal
 * only read; the real run that follows does exactly what was predicted, finding by finding; a
 * predicted failure fails alike.
 */
import { UpdateCertificateCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { requestFromFile, type RehearsalReport } from '../../rehearsal/index';
import { ACCOUNT, isolatedEnvironment, lastSequence, QUARANTINE_FILE, QUARANTINE_TASK, REGION, requestsAfter, ROOT, runCli, startAccountWithAudit, writeProfile, type AccountEmulator } from './helpers';
import { assertAgreement, runForReal } from './realRun';

const READ_ONLY = /^(Describe|List|Get)[A-Za-z0-9]+$/;
const keyEnvironment = { AWS_ACCESS_KEY_ID: 'AKIDREHEARSAL', AWS_SECRET_ACCESS_KEY: 'not-checked' };

async function assertOnlyReads(account: AccountEmulator, since: number): Promise<number> {
  const requests = await requestsAfter(account, since);
  assert.ok(requests.length > 10, `the rehearsal read the account (${requests.length} requests)`);
  const writes = requests.filter((request) => request.mutating || !READ_ONLY.test(request.operation ?? ''));
  assert.deepEqual(writes, [], 'only Describe/List/Get requests reached the account');
  assert.ok(requests.every((request) => request.account === ACCOUNT && request.region === REGION));
  return requests.length;
}

const predictions = (report: RehearsalReport) => report.findings.map((finding) => ({ findingId: finding.findingId, disposition: finding.disposition, executions: finding.executions, changes: finding.changes }));

describe('rehearse: the quarantine workflow on a twin of account 210987654321', () => {
  let byEndpoint: RehearsalReport;
  let account: AccountEmulator;
  let auditTaskId: string;
  before(async () => ({ account, auditTaskId } = await startAccountWithAudit()));
  after(() => account?.stop());

  it('through --endpoint: predicts every finding, and only reads the account', async () => {
    const since = await lastSequence(account);
    const { env } = isolatedEnvironment(keyEnvironment);
    const result = await runCli(['rehearse', QUARANTINE_FILE, '--task', QUARANTINE_TASK, '--audit-task-id', auditTaskId, '--endpoint', account.url, '--region', REGION, '--format', 'json'], env);
    assert.equal(result.code, 0, result.stderr);
    byEndpoint = JSON.parse(result.stdout) as RehearsalReport;
    assert.equal(byEndpoint.account, ACCOUNT);
    assert.equal(byEndpoint.region, REGION);
    assert.equal(byEndpoint.taskStatus, 'COMPLETED');
    const shared = byEndpoint.findings.find((finding) => finding.checkName === 'DEVICE_CERTIFICATE_SHARED_CHECK')!;
    assert.deepEqual(shared.executions.map((execution) => `${execution.actionName} ${execution.status}`), ['NotifySecurityTeam COMPLETED', 'QuarantineDevice COMPLETED', 'DeactivateDeviceCertificate COMPLETED']);
    assert.ok(shared.changes.some((change) => change.kind === 'certificate' && change.id === DEMO.certificates.shared && change.change === 'ACTIVE → INACTIVE'));
    for (const camera of ['camera-01', 'camera-02', 'camera-03']) assert.ok(shared.changes.some((change) => change.kind === 'thing' && change.id === camera && change.change === 'joins Quarantine'), camera);
    const suppressed = byEndpoint.findings.find((finding) => finding.resource.includes(DEMO.certificates.suppressed))!;
    assert.equal(suppressed.disposition, 'SUPPRESSED');
    assert.deepEqual(suppressed.executions, []);
    assert.ok(byEndpoint.cannotKnow.some((line) => line.startsWith('IAM:')));
    await assertOnlyReads(account, since);
    const certificates = await account.admin<{ tables: Record<string, [string, { status: string }][]> }>('GET', 'state');
    assert.equal(Object.fromEntries(certificates.tables.certificates)[DEMO.certificates.shared].status, 'ACTIVE', 'the account is unchanged');
  });

  it('through a profile whose shared config has endpoint_url: the same prediction, as readable text', async () => {
    const since = await lastSequence(account);
    const { home, env } = isolatedEnvironment();
    writeProfile(home, 'production', account.url);
    const json = await runCli(['rehearse', QUARANTINE_FILE, '--task', QUARANTINE_TASK, '--audit-task-id', auditTaskId, '--profile', 'production', '--format', 'json'], env);
    assert.equal(json.code, 0, json.stderr);
    const byProfile = JSON.parse(json.stdout) as RehearsalReport;
    assert.equal(byProfile.account, ACCOUNT);
    assert.equal(byProfile.region, REGION, 'the region comes from the profile');
    assert.deepEqual(predictions(byProfile), predictions(byEndpoint));
    const text = await runCli(['rehearse', QUARANTINE_FILE, '--task', QUARANTINE_TASK, '--audit-task-id', auditTaskId, '--profile', 'production'], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Rehearsal of task quarantine-compromised-devices in account 210987654321 \(eu-west-1\)/);
    assert.match(text.stdout, new RegExp(`device certificate ${DEMO.certificates.shared}: ACTIVE → INACTIVE`));
    assert.match(text.stdout, /thing camera-01: joins Quarantine/);
    assert.match(text.stdout, /What the twin cannot know:\n {2}- IAM:/);
    await assertOnlyReads(account, since);
  });

  it('through AWS_ENDPOINT_URL_IOT, resolved by the SDK as the AWS CLI does', async () => {
    const since = await lastSequence(account);
    const { env } = isolatedEnvironment({ ...keyEnvironment, AWS_REGION: REGION, AWS_ENDPOINT_URL_IOT: account.url });
    const result = await runCli(['rehearse', QUARANTINE_FILE, '--task', QUARANTINE_TASK, '--audit-task-id', auditTaskId, '--format', 'json'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(predictions(JSON.parse(result.stdout) as RehearsalReport), predictions(byEndpoint));
    await assertOnlyReads(account, since);
  });

  it('the real run does what the rehearsal predicted, finding by finding', async () => {
    const request = requestFromFile(readFileSync(QUARANTINE_FILE, 'utf8'), QUARANTINE_TASK, auditTaskId);
    const real = await runForReal(account, request, 'real-quarantine-run');
    assert.ok(real.findings.length >= 6);
    assertAgreement(byEndpoint, real);
  });
});

describe('rehearse: predicted failures fail the same way for real', () => {
  let file: string;
  let account: AccountEmulator;
  let auditTaskId: string;
  before(async () => {
    ({ account, auditTaskId } = await startAccountWithAudit());
    // Since the audit, door-lock-01's certificate was revoked; meter-02 is already in 10 groups.
    await account.iot.send(new UpdateCertificateCommand({ certificateId: DEMO.certificates.revokedByIssuer, newStatus: 'REVOKED' }));
    const { home } = isolatedEnvironment();
    file = join(home, 'strict.mitigation.json');
    writeFileSync(
      file,
      JSON.stringify({
        actions: {
          QuarantineKeepGroups: { roleArn: `arn:aws:iam::${ACCOUNT}:role/Mitigation`, actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'], overrideDynamicGroups: false } } },
          Deactivate: { roleArn: `arn:aws:iam::${ACCOUNT}:role/Mitigation`, actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } },
        },
        tasks: {
          strict: {
            target: {},
            auditCheckToActionsMapping: { DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ['QuarantineKeepGroups', 'Deactivate'], REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: ['Deactivate'] },
          },
        },
      }),
    );
  });
  after(() => account?.stop());

  it('predicts FAILED with the service error code (exit 1), then the real run fails identically', async () => {
    const since = await lastSequence(account);
    const { env } = isolatedEnvironment(keyEnvironment);
    const result = await runCli(['rehearse', file, '--task', 'strict', '--audit-task-id', auditTaskId, '--endpoint', account.url, '--region', REGION, '--format', 'json'], env);
    assert.equal(result.code, 1, result.stderr);
    const predicted = JSON.parse(result.stdout) as RehearsalReport;
    assert.equal(predicted.taskStatus, 'FAILED');
    const outcome = (certificateId: string) => predicted.findings.find((finding) => finding.resource === `device certificate ${certificateId}`)!.executions.map((execution) => `${execution.actionName} ${execution.status}${execution.errorCode ? ` ${execution.errorCode}` : ''}`);
    assert.deepEqual(outcome(DEMO.certificates.crowded), ['QuarantineKeepGroups FAILED INVALID_STATE_OF_RESOURCE', 'Deactivate SKIPPED'], 'meter-02 is in 10 groups');
    assert.deepEqual(outcome(DEMO.certificates.weakKey), ['QuarantineKeepGroups COMPLETED', 'Deactivate COMPLETED']);
    assert.deepEqual(outcome(DEMO.certificates.revokedByIssuer), ['Deactivate FAILED INVALID_STATE_OF_RESOURCE'], 'a REVOKED certificate cannot be deactivated');
    assert.equal(predicted.summary.findingsPredictedToFail, 2);
    await assertOnlyReads(account, since);

    const real = await runForReal(account, requestFromFile(readFileSync(file, 'utf8'), 'strict', auditTaskId), 'real-strict-run');
    assertAgreement(predicted, real);
  });
});

describe('rehearse: usage, file and connection errors exit 2 with a clear message', () => {
  const { env } = isolatedEnvironment(keyEnvironment);

  it('needs a file and --task, and knows its options', async () => {
    const noTask = await runCli(['rehearse', QUARANTINE_FILE], env);
    assert.equal(noTask.code, 2);
    assert.match(noTask.stderr, /Name the task to rehearse with --task NAME\./);
    assert.match(noTask.stderr, /Usage: iot-mitigations rehearse FILE --task NAME/);
    const badFormat = await runCli(['rehearse', QUARANTINE_FILE, '--task', QUARANTINE_TASK, '--format', 'yaml'], env);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format takes "text", "json" or "markdown", not "yaml"/);
    const badEndpoint = await runCli(['rehearse', QUARANTINE_FILE, '--task', QUARANTINE_TASK, '--endpoint', 'ftp://example'], env);
    assert.equal(badEndpoint.code, 2);
    assert.match(badEndpoint.stderr, /--endpoint must be an http\(s\) URL/);
  });

  it('refuses a missing file, a file with errors and an unknown task before reading the account', async () => {
    const missing = await runCli(['rehearse', join(ROOT, 'examples/none.mitigation.json'), '--task', 'x', '--region', REGION], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*none\.mitigation\.json/);
    const mistakes = await runCli(['rehearse', join(ROOT, 'examples/mistakes.mitigation.json'), '--task', 'x', '--region', REGION, '--endpoint', 'http://127.0.0.1:9'], env);
    assert.equal(mistakes.code, 2);
    assert.match(mistakes.stderr, /mistakes\.mitigation\.json has \d+ errors; fix them before rehearsing:\n {2}.*mistakes\.mitigation\.json:\d+:\d+: /);
    const unknownTask = await runCli(['rehearse', QUARANTINE_FILE, '--task', 'nope', '--region', REGION, '--endpoint', 'http://127.0.0.1:9'], env);
    assert.equal(unknownTask.code, 2);
    assert.match(unknownTask.stderr, /has no task "nope"; its tasks: quarantine-compromised-devices/);
  });

  it('says when the account cannot be read', async () => {
    const result = await runCli(['rehearse', QUARANTINE_FILE, '--task', QUARANTINE_TASK, '--audit-task-id', 'a1', '--region', REGION, '--endpoint', 'http://127.0.0.1:9'], env);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /iot-mitigations rehearse: Audit a1 could not be read \(.*ECONNREFUSED/);
  });
});
