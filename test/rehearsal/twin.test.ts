/**
 * The parts a twin is built from, in process: the emulator operations the snapshot reads with
 * (DescribeThingGroup, ListPrincipalThings), seeding findings with given ids and policies with
 * their versions, the request log, and rehearsals of policy and logging tasks that the real
 * run then matches.
 */
import { CreateMitigationActionCommand, StartAuditMitigationActionsTaskCommand, DescribeAuditFindingCommand, DescribeThingGroupCommand, GetPolicyCommand, ListPrincipalThingsCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { useDemoEmulator } from '../emulator/helpers';
import { formatMarkdown, formatText, predictsFailure, rehearse, requestFromFile, RehearsalError, takeSnapshot } from '../../rehearsal/index';
import { ACCOUNT, demoAuditId, REGION, ROOT } from './helpers';
import { assertAgreement, runForReal } from './realRun';

const BLANKABLE_POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] };

/** The "real account", in process: account 210987654321, demo fleet, clients in eu-west-1. */
const useInProcessAccount = () => useDemoEmulator({ emulator: { account: ACCOUNT }, region: REGION, reset: false });

describe('rehearsal: the emulator operations and seeding a twin needs', () => {
  const account = useInProcessAccount();

  it('ListPrincipalThings lists the things a certificate is attached to, by its ARN', async () => {
    const principal = `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${DEMO.certificates.shared}`;
    const { things } = await account.iot.send(new ListPrincipalThingsCommand({ principal }));
    assert.deepEqual([...(things ?? [])].sort(), ['camera-01', 'camera-02', 'camera-03']);
    await assert.rejects(account.iot.send(new ListPrincipalThingsCommand({ principal: `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${'0'.repeat(64)}` })), { name: 'ResourceNotFoundException' });
    const paged = await account.iot.send(new ListPrincipalThingsCommand({ principal, maxResults: 2 }));
    assert.equal(paged.things?.length, 2);
    assert.ok(paged.nextToken);
  });

  it('DescribeThingGroup gives the parent and the root-to-parent chain, and the query of a dynamic group', async () => {
    const line = await account.iot.send(new DescribeThingGroupCommand({ thingGroupName: 'Factory-Line1' }));
    assert.equal(line.thingGroupMetadata?.parentGroupName, 'Factory');
    assert.deepEqual(line.thingGroupMetadata?.rootToParentThingGroups?.map((group) => group.groupName), ['Factory']);
    assert.equal(line.queryString, undefined);
    const dynamic = await account.iot.send(new DescribeThingGroupCommand({ thingGroupName: 'LowBattery' }));
    assert.equal(dynamic.queryString, 'attributes.battery < 20');
    await assert.rejects(account.iot.send(new DescribeThingGroupCommand({ thingGroupName: 'NoSuchGroup' })), { name: 'ResourceNotFoundException' });
  });

  it('seeds findings with the ids given, under a completed audit, and refuses a duplicate id or an unknown check', async () => {
    const finding = { findingId: 'copied-finding-1', taskId: 'copiedaudit1', checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', reasonForNonComplianceCode: 'CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES', nonCompliantResource: { resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: DEMO.certificates.shared } } };
    await account.admin('POST', 'seed', { auditFindings: [finding] });
    const described = await account.iot.send(new DescribeAuditFindingCommand({ findingId: 'copied-finding-1' }));
    assert.equal(described.finding?.taskId, 'copiedaudit1');
    assert.equal(described.finding?.severity, 'CRITICAL');
    await assert.rejects(account.admin('POST', 'seed', { auditFindings: [finding] }), /finding copied-finding-1 already exists/);
    await assert.rejects(account.admin('POST', 'seed', { auditFindings: [{ ...finding, findingId: 'other', checkName: 'NO_SUCH_CHECK' }] }), /checkName NO_SUCH_CHECK is not an audit check/);
  });

  it('seeds a policy with its versions, so the next version number follows the account', async () => {
    await account.admin('POST', 'seed', { policies: [{ policyName: 'Edited', versions: [{ versionId: '1', document: BLANKABLE_POLICY }, { versionId: '3', document: BLANKABLE_POLICY }], defaultVersionId: '3' }] });
    const policy = await account.iot.send(new GetPolicyCommand({ policyName: 'Edited' }));
    assert.equal(policy.defaultVersionId, '3');
    await assert.rejects(account.admin('POST', 'seed', { policies: [{ policyName: 'Bad', versions: [{ versionId: '1', document: {} }], defaultVersionId: '2' }] }), /defaultVersionId 2 is not one of its versions/);
  });

  it('logs API requests with their operation and whether they write, not admin requests', async () => {
    const { lastSequence } = await account.admin<{ lastSequence: number }>('GET', 'requests');
    await account.iot.send(new GetPolicyCommand({ policyName: 'Edited' }));
    const { requests } = await account.admin<{ requests: { operation: string; mutating: boolean; account: string; region: string }[] }>('GET', `requests?after=${lastSequence}`);
    assert.deepEqual(requests.map(({ operation, mutating, account: id, region }) => ({ operation, mutating, id, region })), [{ operation: 'GetPolicy', mutating: false, id: ACCOUNT, region: REGION }]);
    await assert.rejects(account.admin('GET', 'requests?after=soon'), /after must be a request sequence number/);
  });
});

describe('rehearsal: policy and logging tasks, as the real run does them', () => {
  const account = useInProcessAccount();
  let auditTaskId: string;
  const file = readFileSync(join(ROOT, 'examples/quarantine-workflow.mitigation.json'), 'utf8');

  before(async () => {
    auditTaskId = await demoAuditId(account.iot);
  });

  it('blanks a policy at version 3: default version 3 → 4 (blank), as the real run does', async () => {
    await account.admin('POST', 'seed', {
      policies: [{ policyName: 'EditedOpenPolicy', versions: [{ versionId: '2', document: BLANKABLE_POLICY }, { versionId: '3', document: BLANKABLE_POLICY }], defaultVersionId: '3' }],
      auditFindings: [{ findingId: 'edited-open-policy', taskId: 'policyaudit', checkName: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', severity: 'CRITICAL', reasonForNonComplianceCode: 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS', nonCompliantResource: { resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: 'EditedOpenPolicy', policyVersionId: '3' } } } }],
    });
    const request = requestFromFile(file, 'lock-down-policies', 'policyaudit');
    const report = await rehearse(account.iot, request);
    const finding = report.findings.find((candidate) => candidate.findingId === 'edited-open-policy')!;
    assert.deepEqual(finding.executions.map((execution) => `${execution.actionName} ${execution.status}`), ['NotifySecurityTeam COMPLETED', 'BlankPolicy COMPLETED']);
    assert.ok(finding.changes.some((change) => change.kind === 'policy' && change.change === 'default version 3 → 4 (blank)'), JSON.stringify(finding.changes));
    assert.match(formatMarkdown(report), /policy EditedOpenPolicy: default version 3 → 4 \\\(blank\\\)/);
    assertAgreement(report, await runForReal(account, request, 'real-policy-run'));
  });

  it('switches logging back on: v2 logging DISABLED (all logs disabled) → WARN, as the real run does', async () => {
    const request = requestFromFile(file, 'restore-logging', auditTaskId);
    const report = await rehearse(account.iot, request);
    assert.equal(report.findings.length, 1);
    assert.deepEqual(report.findings[0].changes.find((change) => change.kind === 'logging'), { kind: 'logging', id: 'account', change: 'v2 logging DISABLED (all logs disabled) → WARN' });
    assert.equal(predictsFailure(report), false);
    assertAgreement(report, await runForReal(account, request, 'real-logging-run'));
  });

  it('keeps the copy bounded and says what it left out', async () => {
    const request = requestFromFile(file, 'quarantine-compromised-devices', auditTaskId);
    const snapshot = await takeSnapshot(account.iot, request, { maxFindings: 2 });
    assert.equal(snapshot.findings.length, 2);
    assert.ok(snapshot.notCopied.some((note) => note.startsWith('Only the first 2 findings')), snapshot.notCopied.join('\n'));
  });

  it('refuses a task with no audit to target, and a file with errors, naming them', async () => {
    await assert.rejects(rehearse(account.iot, requestFromFile(file, 'quarantine-compromised-devices')), (error: unknown) => error instanceof RehearsalError && /names no audit .*\(--audit-task-id\)/.test(error.message));
    assert.throws(() => requestFromFile(readFileSync(join(ROOT, 'examples/mistakes.mitigation.json'), 'utf8'), 'anything', undefined, 'mistakes.mitigation.json'), /^Error: mistakes\.mitigation\.json has \d+ errors; fix them before rehearsing:\n {2}mistakes\.mitigation\.json:\d+:\d+: /);
    assert.throws(() => requestFromFile(file, 'no-such-task'), /has no task "no-such-task"; its tasks: quarantine-compromised-devices, /);
  });

  it('takes mapped actions the file does not define from the account, flags drift, and predicts a start that would fail', async () => {
    await account.iot.send(new CreateMitigationActionCommand({ actionName: 'AccountOnlyNotify', roleArn: `arn:aws:iam::${ACCOUNT}:role/Notify`, actionParams: { publishFindingToSnsParams: { topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:Alerts` } } }));
    await account.iot.send(new CreateMitigationActionCommand({ actionName: 'Drifted', roleArn: `arn:aws:iam::${ACCOUNT}:role/Mitigation`, actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } }));
    const fileWith = (mapping: Record<string, string[]>) =>
      JSON.stringify({
        actions: { Drifted: { roleArn: `arn:aws:iam::${ACCOUNT}:role/OtherRole`, actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } } },
        tasks: { t: { target: { auditTaskId }, auditCheckToActionsMapping: mapping } },
      });
    const report = await rehearse(account.iot, requestFromFile(fileWith({ DEVICE_CERTIFICATE_SHARED_CHECK: ['AccountOnlyNotify', 'Drifted'] }), 't'));
    assert.deepEqual(report.actions.map(({ name, source, accountDiffers }) => ({ name, source, accountDiffers })), [
      { name: 'AccountOnlyNotify', source: 'account', accountDiffers: undefined },
      { name: 'Drifted', source: 'file', accountDiffers: true },
    ]);
    assert.deepEqual(report.findings[0].executions.map((execution) => `${execution.actionName} ${execution.status}`), ['AccountOnlyNotify COMPLETED', 'Drifted COMPLETED']);
    const missing = await rehearse(account.iot, requestFromFile(fileWith({ DEVICE_CERTIFICATE_SHARED_CHECK: ['Nowhere'] }), 't'));
    assert.equal(missing.taskStatus, 'START_FAILED');
    assert.equal(missing.startError?.errorCode, 'InvalidRequestException');
    assert.ok(missing.notCopied.some((note) => note.startsWith('Action Nowhere is mapped but defined neither in the file nor in the account')));
    assert.equal(predictsFailure(missing), true);
    assert.match(formatText(missing), /The task would NOT start: InvalidRequestException: /);
  });

  it('writes the text report with every section', async () => {
    const report = await rehearse(account.iot, requestFromFile(file, 'quarantine-expired-certificates', auditTaskId));
    const text = formatText(report);
    for (const section of ['Findings:', 'Resource changes:', 'Actions:', 'What the twin cannot know:']) assert.ok(text.includes(`\n${section}\n`), section);
    assert.match(text, /skipped: its reason code is outside the reason-code filter/);
    const outsideFilter = report.findings.filter((finding) => finding.reasonCode !== 'CERTIFICATE_PAST_EXPIRATION' && !finding.resource.includes(DEMO.certificates.suppressed));
    assert.ok(outsideFilter.length > 0);
    assert.equal(report.summary.filtered, outsideFilter.length);
  });
});

describe('rehearsal: the account already runs 10 mitigation tasks', () => {
  const account = useInProcessAccount();

  it('predicts the start would fail with LimitExceededException, as the real start does', async () => {
    const auditTaskId = await demoAuditId(account.iot);
    // A slow account: the ten tasks stay in progress.
    await account.admin('POST', 'settings', { paceMs: 600_000 });
    await account.iot.send(new CreateMitigationActionCommand({ actionName: 'Notify', roleArn: `arn:aws:iam::${ACCOUNT}:role/Notify`, actionParams: { publishFindingToSnsParams: { topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:Alerts` } } }));
    const start = (taskId: string) => account.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId, clientRequestToken: taskId, target: { auditTaskId }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify'] } }));
    for (let index = 0; index < 10; index++) await start(`busy-${index}`);
    const file = JSON.stringify({ tasks: { t: { target: { auditTaskId }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify'] } } } });
    const report = await rehearse(account.iot, requestFromFile(file, 't'));
    assert.equal(report.taskStatus, 'START_FAILED');
    assert.equal(report.startError?.errorCode, 'LimitExceededException');
    assert.match(report.startError?.message ?? '', /10 audit mitigation actions tasks are already running in the account/);
    await assert.rejects(start('one-more'), { name: 'LimitExceededException' });
  });
});
