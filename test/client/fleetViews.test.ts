/**
 * The sidebar's reads at fleet scale, with the real SDK against the emulator: 100,000 things, an
 * audit with more than 50,000 findings and a task with as many executions. A page of the Tasks
 * view's executions reads one page of findings and the executions of those findings only, and
 * the resource reads of a row read that one resource: the emulator's request log proves it.
 */
import { CreateMitigationActionCommand, StartAuditMitigationActionsTaskCommand, StartOnDemandAuditTaskCommand } from '@aws-sdk/client-iot';
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { AuditFollower, type DescribedAudit } from '../../client/audits/model/auditFollower';
import { renderFindingDetails } from '../../client/audits/model/findingDetails';
import { readResource, resourceThings } from '../../client/audits/model/resourceReads';
import { IotApi, retentionWindow } from '../../client/shared/model/iotApi';
import { checkExecutionsPage } from '../../client/tasks/model/executionRows';
import { useDemoEmulator, waitFor } from '../emulator/helpers';

const CHECK = 'DEVICE_CERTIFICATE_EXPIRING_CHECK';
const PAGE = 50;

/** True once the described audit or task left IN_PROGRESS; a busy emulator may drop a poll. */
function ended(described: Promise<{ taskStatus?: string }>): Promise<true | undefined> {
  return described.then((output) => (output.taskStatus === 'IN_PROGRESS' ? undefined : true), () => undefined);
}

interface Logged { requests: { operation?: string }[]; lastSequence: number }

describe('the trees\' reads on a 100,000-thing fleet (SDK against the emulator)', () => {
  const demo = useDemoEmulator({ reset: false, emulator: { paceMs: 0 } });
  let api: IotApi;
  let auditTaskId: string;
  let taskId: string;
  let mark = 0;

  /** The operations called since the last look, counted by name. */
  async function operationsSince(): Promise<Record<string, number>> {
    const log = await demo.admin<Logged>('GET', `requests?after=${mark}`);
    mark = log.lastSequence;
    const counts: Record<string, number> = {};
    for (const { operation } of log.requests) counts[operation ?? '?'] = (counts[operation ?? '?'] ?? 0) + 1;
    return counts;
  }

  before(async () => {
    api = new IotApi(demo.iot);
    await demo.admin('POST', 'reset', { seed: 'demo' });
    const seeded = await demo.admin<{ added: { generatedThings: number } }>('POST', 'seed', { generate: { things: 100_000, expiringPercent: 50 } });
    assert.equal(seeded.added.generatedThings, 100_000);
    auditTaskId = (await demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: [CHECK] }))).taskId!;
    await waitFor('the audit to end', () => ended(api.describeAudit(auditTaskId)), 2400, 50);
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'NotifySecurityTeam', roleArn: 'arn:aws:iam::123456789012:role/Mitigations', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:security' } } }));
    taskId = 'fleet-notify';
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId, target: { auditTaskId }, auditCheckToActionsMapping: { [CHECK]: ['NotifySecurityTeam'] }, clientRequestToken: 'fleet-notify' }));
    await waitFor('the task to end', () => ended(api.describeTask(taskId)), 2400, 50);
  });

  it('the audit has more than 50,000 findings and the task as many executions', async () => {
    const audit = await api.describeAudit(auditTaskId);
    assert.ok((audit.auditDetails?.[CHECK]?.nonCompliantResourcesCount ?? 0) >= 50_000);
    const task = await api.describeTask(taskId);
    assert.equal(task.taskStatus, 'COMPLETED');
    assert.ok((task.taskStatistics?.[CHECK]?.totalFindingsCount ?? 0) >= 50_000);
  });

  it('a page of executions reads one page of findings and their executions, and Load more the next', async () => {
    const task = { ...(await api.describeTask(taskId)), taskId };
    await operationsSince();
    const first = await checkExecutionsPage(api, task, CHECK, undefined, PAGE);
    // One execution per finding of the page, but for the demo's suppressed finding (never acted on).
    assert.ok(first.items.length >= PAGE - 1 && first.items.length <= PAGE, `${first.items.length} rows`);
    assert.ok(first.nextToken, 'more pages');
    for (const row of first.items) {
      assert.equal(row.execution.findingId, row.finding.findingId, 'each execution comes with its own finding');
      assert.equal(row.finding.nonCompliantResource?.resourceType, 'DEVICE_CERTIFICATE');
    }
    assert.deepEqual(await operationsSince(), { ListAuditFindings: 1, ListAuditMitigationActionsExecutions: PAGE });
    const second = await checkExecutionsPage(api, task, CHECK, first.nextToken, PAGE);
    assert.ok(second.items.length >= PAGE - 1 && second.items.length <= PAGE, `${second.items.length} rows`);
    const seen = new Set(first.items.map((row) => row.finding.findingId));
    assert.ok(second.items.every((row) => !seen.has(row.finding.findingId)), 'the next page, not the first again');
    assert.deepEqual(await operationsSince(), { ListAuditFindings: 1, ListAuditMitigationActionsExecutions: PAGE });
  });

  it('a row\'s things and resource are read for that row alone', async () => {
    // A generated device's finding (the demo's own come first).
    const finding = (await api.listFindings({ taskId: auditTaskId, checkName: CHECK }, undefined, 20)).items[19];
    await operationsSince();
    const things = await resourceThings(demo.iot, finding.nonCompliantResource);
    assert.equal(things.length, 1, 'each certificate has its own thing');
    assert.match(things[0], /^device-\d{6}$/);
    assert.deepEqual(await operationsSince(), { DescribeCertificate: 1, ListPrincipalThings: 1 });
    const { operation, value } = await readResource(demo.iot, finding.nonCompliantResource);
    assert.equal(operation, 'DescribeCertificate + DescribeThing');
    const described = value as { certificateDescription?: { certificateId?: string }; things: { thingName?: string }[] };
    assert.equal(described.certificateDescription?.certificateId, finding.nonCompliantResource?.resourceIdentifier?.deviceCertificateId);
    assert.deepEqual(described.things.map((thing) => thing.thingName), things);
    const details = renderFindingDetails({ finding, things, executions: await api.listExecutions(taskId, finding.findingId!), taskId });
    assert.match(details, new RegExp(`\\*\\*Things:\\*\\* \`${things[0]}\``));
    assert.match(details, /\| NotifySecurityTeam \| COMPLETED \|/);
    assert.ok(details.includes(finding.nonCompliantResource!.resourceIdentifier!.deviceCertificateId!), 'the whole certificate id');
  });

  it('resources no AWS IoT API describes get a clear error', async () => {
    await assert.rejects(readResource(demo.iot, { resourceType: 'CLIENT_ID', resourceIdentifier: { clientId: 'sensor-7' } }), /no API that describes a client ID \(sensor-7\)/);
    await assert.rejects(readResource(demo.iot, { resourceType: 'IAM_ROLE', resourceIdentifier: { iamRoleArn: 'arn:aws:iam::1:role/R' } }), /not an AWS IoT resource: open it in the IAM console/);
    await assert.rejects(readResource(demo.iot, { resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: {} }), /names no device certificate/);
  });

  it('follows an audit in progress with one description per tick until it ends', async () => {
    await demo.admin('POST', 'settings', { paceMs: 300 });
    const started = (await demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['LOGGING_DISABLED_CHECK', 'DEVICE_CERTIFICATE_SHARED_CHECK'] }))).taskId!;
    const updates: [string, boolean][] = [];
    let resolveEnded: (audit: DescribedAudit) => void = () => undefined;
    const ended = new Promise<DescribedAudit>((resolve) => { resolveEnded = resolve; });
    const follower = new AuditFollower({
      describe: async (id) => ({ ...(await api.describeAudit(id)), taskId: id }),
      intervalMs: () => 50,
      onUpdate: (audit, done) => {
        updates.push([audit.taskStatus ?? '', done]);
        if (done) resolveEnded(audit);
      },
    });
    follower.follow(started);
    assert.deepEqual(follower.followed, [started]);
    const last = await ended;
    await demo.admin('POST', 'settings', { paceMs: 0 });
    assert.equal(last.taskStatus, 'COMPLETED');
    assert.deepEqual(follower.followed, [], 'an ended audit is no longer followed');
    assert.ok(updates.slice(0, -1).every(([status, done]) => status === 'IN_PROGRESS' && !done), 'in progress until the last update');
    // No timer is left: a later tick would describe again.
    await operationsSince();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(await operationsSince(), {});
    assert.ok((await api.listAudits(retentionWindow(Date.now()), undefined, 250)).items.some((audit) => audit.taskId === started));
  });
});
