/**
 * The account's clock in the extension's lists, with the real SDK against the emulator: once the
 * emulator's clock is moved 3 days ahead (POST /_emulator/settings {"advanceClockMs"}), the Tasks
 * view's page and the audit picker list the task and the audit that started then, and a
 * suppression's expiry is read as the emulator reads it. A real account (isRealAccount) counts
 * from this machine's clock.
 */
import { CreateMitigationActionCommand, DescribeAuditMitigationActionsTaskCommand, DescribeAuditTaskCommand, ListAuditFindingsCommand, StartAuditMitigationActionsTaskCommand, StartOnDemandAuditTaskCommand, type IoTClient } from '@aws-sdk/client-iot';
import { strict as assert } from 'node:assert';
import { afterEach, describe, it } from 'node:test';
import { createSuppression, readSuppressions } from '../../client/audits/model/auditLoopReads';
import { suppressionEntry, suppressionOf, suppressionRequest, suppressionStatus } from '../../client/audits/model/suppressions';
import { accountNow, accountWindow, ListWindow } from '../../client/shared/model/accountClock';
import { IotApi } from '../../client/shared/model/iotApi';
import { completedAuditChoices } from '../../client/tasks/model/auditChoices';
import { tasksPage } from '../../client/tasks/model/tasksPage';
import { DAY_MS, useDemoEmulator, waitFor } from '../emulator/helpers';

const CHECK = 'DEVICE_CERTIFICATE_SHARED_CHECK';

async function ended(iot: IoTClient, what: 'audit' | 'task', taskId: string): Promise<void> {
  await waitFor(`${what} ${taskId}`, async () => {
    const described = what === 'audit' ? await iot.send(new DescribeAuditTaskCommand({ taskId })) : await iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId }));
    return described.taskStatus === 'IN_PROGRESS' ? undefined : true;
  });
}

/** A completed on-demand audit of CHECK, started now on the emulator's clock. */
async function completedAudit(iot: IoTClient): Promise<string> {
  const { taskId } = await iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: [CHECK] }));
  await ended(iot, 'audit', taskId!);
  return taskId!;
}

describe('the account\'s clock in the lists (SDK against the emulator)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });
  /** The bundled emulator's connection, and the same endpoint taken for a real account. */
  const emulator = () => ({ api: new IotApi(demo.iot), endpoint: demo.url, isRealAccount: false });
  const realAccount = () => ({ ...emulator(), isRealAccount: true });

  afterEach(async () => {
    await demo.admin('POST', 'settings', { paceMs: 0, clockOffsetMs: 0 });
  });

  async function moveClockAhead(ms: number): Promise<number> {
    await demo.admin('POST', 'settings', { paceMs: 0, advanceClockMs: ms });
    return Date.parse((await demo.admin<{ now: string }>('GET', 'settings')).now);
  }

  it('the emulator\'s now is the time it reports; a real account\'s, one without an endpoint and an unreachable one are this machine\'s', async () => {
    const before = Date.now();
    const reported = await moveClockAhead(3 * DAY_MS);
    const now = await accountNow(emulator());
    assert.ok(now >= reported && now - reported < DAY_MS, `the emulator's moved clock: ${new Date(now).toISOString()}`);
    for (const [what, connection] of [
      ['a real account', realAccount()],
      ['no endpoint', { isRealAccount: false }],
      ['nothing listening', { isRealAccount: false, endpoint: 'http://127.0.0.1:1' }],
    ] as const) {
      const machine = await accountNow(connection);
      assert.ok(machine >= before && machine <= Date.now(), `${what}: this machine's clock, not the emulator's`);
    }
    const window = await accountWindow(emulator());
    assert.ok(window.startTime.getTime() > before - 88 * DAY_MS, 'the window starts 90 days before the emulator\'s now, not this machine\'s');
    assert.ok(window.endTime.getTime() > reported, 'and ends past it');
  });

  it('the audit picker offers, first, an audit that started after the clock moved 3 days ahead; a real account\'s counts from this machine\'s clock', async () => {
    await moveClockAhead(3 * DAY_MS);
    const auditTaskId = await completedAudit(demo.iot);
    const choices = await completedAuditChoices(emulator());
    assert.equal(choices[0]?.taskId, auditTaskId, `the newest audit is the active item: ${JSON.stringify(choices.slice(0, 2))}`);
    const day = (await demo.iot.send(new DescribeAuditTaskCommand({ taskId: auditTaskId }))).taskStartTime!.toISOString().slice(0, 10);
    assert.match(choices[0].label, new RegExp(`^On-demand audit · ${day} \\d\\d:\\d\\d`), 'labelled with the day it ran on the emulator');
    assert.ok(choices.length > 1, 'the demo\'s own audit is offered too');
    // Counted from this machine's clock, the window reaches further back than the emulator keeps audits.
    await assert.rejects(completedAuditChoices(realAccount()), /startTime is more than 90 days in the past/);
  });

  it('the Tasks view lists, first, a task that started after the clock moved 3 days ahead; a real account\'s page counts from this machine\'s clock', async () => {
    await moveClockAhead(3 * DAY_MS);
    const auditTaskId = await completedAudit(demo.iot);
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'NotifySecurityTeam', roleArn: 'arn:aws:iam::123456789012:role/Mitigations', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:security' } } }));
    const taskId = 'after-the-clock-moved';
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId, target: { auditTaskId }, auditCheckToActionsMapping: { [CHECK]: ['NotifySecurityTeam'] }, clientRequestToken: taskId }));
    await ended(demo.iot, 'task', taskId);

    const page = await tasksPage(emulator(), new ListWindow(), undefined, undefined, 25);
    assert.equal(page.items[0]?.taskId, taskId, `the newest task first: ${page.items.map((task) => task.taskId).join(', ')}`);
    const completed = await tasksPage(emulator(), new ListWindow(), 'COMPLETED', undefined, 25);
    assert.ok(completed.items.some((task) => task.taskId === taskId), 'and under the COMPLETED filter');
    // Counted from this machine's clock, the window reaches further back than the emulator keeps tasks.
    await assert.rejects(tasksPage(realAccount(), new ListWindow(), undefined, undefined, 25), /startTime is more than 90 days in the past/);
  });

  it('a list reads the clock once, at its first page: its next pages keep that window, a refresh takes a new one', async () => {
    let reads = 0;
    const window = new ListWindow(async () => 1_000_000_000_000 + DAY_MS * ++reads);
    const connection = emulator();
    const first = await window.forPage(connection, undefined);
    assert.equal(await window.forPage(connection, 'page-2'), first, 'the same window object for the next page');
    assert.equal(await window.forPage(connection, 'page-3'), first);
    assert.equal(reads, 1, 'one clock read for three pages');
    const refreshed = await window.forPage(connection, undefined);
    assert.equal(reads, 2);
    assert.equal(refreshed.endTime.getTime() - first.endTime.getTime(), DAY_MS, 'the refresh counts from the clock read then');
  });

  it('a suppression that ended before the emulator\'s moved now reads as expired, as the emulator\'s next audit says', async () => {
    const auditTaskId = await completedAudit(demo.iot);
    // One the demo does not suppress already.
    const finding = (await demo.iot.send(new ListAuditFindingsCommand({ taskId: auditTaskId, maxResults: 250 }))).findings!.find((candidate) => !candidate.isSuppressed)!;
    const until = new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10);
    await createSuppression(demo.iot, suppressionRequest(suppressionEntry(finding, 'Renewed the day after tomorrow', { until }), 'expiring-suppression'));
    await moveClockAhead(3 * DAY_MS);
    const suppression = suppressionOf(finding, await readSuppressions(demo.iot));
    assert.ok(suppression, 'the suppression is still listed');
    assert.deepEqual(suppressionStatus(suppression, await accountNow(emulator())), { active: false, text: `suppression expired ${until}`, reason: 'Renewed the day after tomorrow' });
    assert.equal(suppressionStatus(suppression, await accountNow(realAccount())).active, true, 'this machine\'s clock would still call it active');
    const next = await completedAudit(demo.iot);
    const again = (await demo.iot.send(new ListAuditFindingsCommand({ taskId: next, maxResults: 250 }))).findings!;
    assert.equal(again.find((candidate) => suppressionOf(candidate, [suppression]))?.isSuppressed, false, 'the emulator no longer suppresses it either');
  });
});
