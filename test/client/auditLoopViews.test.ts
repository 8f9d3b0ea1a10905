/**
 * What the Audits view reads and shows of the audit loop, with the real SDK against the emulator:
 * the scheduled audits and their runs (the Schedules node: frequency, next run from the calendar,
 * last run), and suppressions created and deleted as Suppress Finding… and Remove Suppression do.
 */
import { DescribeAuditTaskCommand, ListAuditFindingsCommand, StartOnDemandAuditTaskCommand, CreateScheduledAuditCommand, type IoTClient } from '@aws-sdk/client-iot';
import { strict as assert } from 'node:assert';
import { afterEach, describe, it } from 'node:test';
import { createSuppression, deleteSuppression, readScheduledAudits, readScheduledRuns, readSuppressions, renewSuppression, type ScheduledRun } from '../../client/audits/model/auditLoopReads';
import { frequencyText, lastRuns, nextRun, scheduleNode, schedulesNode, TIME_OF_DAY_NOTE } from '../../client/audits/model/schedules';
import { suppressionEntry, suppressionFields, suppressionOf, suppressionRequest, suppressionStatus } from '../../client/audits/model/suppressions';
import { findingNode } from '../../client/shared/model/treeModel';
import { DAY_MS, useDemoEmulator, waitFor } from '../emulator/helpers';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const at = (iso: string) => new Date(iso);

async function completed(iot: IoTClient, taskId: string): Promise<void> {
  await waitFor(`audit ${taskId}`, async () => ((await iot.send(new DescribeAuditTaskCommand({ taskId }))).taskStatus === 'COMPLETED' ? true : undefined));
}

describe('Schedules node: the words', () => {
  it('says how often and on which day', () => {
    assert.equal(frequencyText({ frequency: 'DAILY' }), 'daily');
    assert.equal(frequencyText({ frequency: 'WEEKLY', dayOfWeek: 'MON' }), 'weekly on Monday');
    assert.equal(frequencyText({ frequency: 'BIWEEKLY', dayOfWeek: 'FRI' }), 'every other Friday');
    assert.equal(frequencyText({ frequency: 'MONTHLY', dayOfMonth: '1' }), 'monthly on the 1st');
    assert.equal(frequencyText({ frequency: 'MONTHLY', dayOfMonth: '22' }), 'monthly on the 22nd');
    assert.equal(frequencyText({ frequency: 'MONTHLY', dayOfMonth: '13' }), 'monthly on the 13th');
    assert.equal(frequencyText({ frequency: 'MONTHLY', dayOfMonth: 'LAST' }), 'monthly on the last day');
  });

  it('a schedule shows its next and last run, its checks, and who picks the time of day', () => {
    const weekly = { scheduledAuditName: 'Weekly', frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK', 'DEVICE_CERTIFICATE_SHARED_CHECK'] };
    const last: ScheduledRun = { taskId: 'a1', scheduledAuditName: 'Weekly', taskStartTime: at('2026-11-30T00:00:04Z'), taskStatus: 'COMPLETED' };
    const node = scheduleNode(weekly, last, NOW);
    assert.equal(node.label, 'Weekly');
    assert.equal(node.description, 'weekly on Monday · next 2026-12-07 00:00 · last 2026-11-30 00:00 completed');
    assert.match(node.tooltip ?? '', /^\*\*Weekly\*\*: weekly on Monday, 2 checks\n\n- LOGGING_DISABLED_CHECK\n- DEVICE_CERTIFICATE_SHARED_CHECK\n/);
    assert.match(node.tooltip ?? '', /Last run: 2026-11-30 00:00 UTC, completed \(audit `a1`\)/);
    assert.ok(node.tooltip?.includes(TIME_OF_DAY_NOTE));
    assert.match(TIME_OF_DAY_NOTE, /AWS picks the time of day .* real account; the bundled emulator starts it at 00:00 UTC/);
    assert.equal(scheduleNode({ ...weekly, scheduledAuditName: 'New' }, undefined, NOW).description, 'weekly on Monday · next 2026-12-07 00:00 · not run yet');
    assert.equal(node.contextValue, 'schedule');
    assert.equal(schedulesNode().label, 'Schedules');
    assert.ok(schedulesNode().tooltip?.includes(TIME_OF_DAY_NOTE));
  });

  it('the next BIWEEKLY run counts two weeks from the last run; the newest run of each schedule is its last', () => {
    const fortnightly = { frequency: 'BIWEEKLY', dayOfWeek: 'THU' };
    assert.equal(nextRun(fortnightly, { taskId: 'a', taskStartTime: at('2026-11-26T00:00:03Z') }, NOW)?.toISOString(), '2026-12-10T00:00:00.000Z', 'not the Thursday of the week between');
    assert.equal(nextRun(fortnightly, undefined, NOW)?.toISOString(), '2026-12-03T00:00:00.000Z');
    assert.equal(nextRun({ frequency: 'HOURLY' }, undefined, NOW), undefined, 'a frequency the calendar does not know');
    const newest = lastRuns([
      { taskId: 'old', scheduledAuditName: 'A', taskStartTime: at('2026-11-01T00:00:00Z') },
      { taskId: 'new', scheduledAuditName: 'A', taskStartTime: at('2026-11-29T00:00:00Z') },
      { taskId: 'mid', scheduledAuditName: 'A', taskStartTime: at('2026-11-15T00:00:00Z') },
      { taskId: 'b', scheduledAuditName: 'B', taskStartTime: at('2026-11-02T00:00:00Z') },
      { taskId: 'unnamed', taskStartTime: at('2026-11-30T00:00:00Z') },
    ]);
    assert.deepEqual([...newest].map(([name, run]) => [name, run.taskId]), [['A', 'new'], ['B', 'b']]);
  });
});

describe('the audit loop\'s reads (SDK against the emulator)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });
  afterEach(async () => {
    await demo.admin('POST', 'settings', { paceMs: 0, clockOffsetMs: 0 });
  });

  it('reads every scheduled audit with its checks, and the last run of each once its day came on the emulator clock', async () => {
    await demo.admin('POST', 'settings', { paceMs: 0 });
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Nightly', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Monthly', frequency: 'MONTHLY', dayOfMonth: 'LAST', targetCheckNames: ['DEVICE_CERTIFICATE_SHARED_CHECK', 'LOGGING_DISABLED_CHECK'] }));
    const schedules = await readScheduledAudits(demo.iot);
    assert.deepEqual(schedules.map((schedule) => [schedule.scheduledAuditName, schedule.frequency, schedule.dayOfMonth, schedule.targetCheckNames]).sort(), [
      ['Monthly', 'MONTHLY', 'LAST', ['DEVICE_CERTIFICATE_SHARED_CHECK', 'LOGGING_DISABLED_CHECK']],
      ['Nightly', 'DAILY', undefined, ['LOGGING_DISABLED_CHECK']],
    ]);
    const before = Date.now();
    assert.deepEqual(await readScheduledRuns(demo.iot, new Map(), before), [], 'nothing ran yet');

    // To the next 00:00 UTC and a minute: Nightly runs, as the calendar the view shows says.
    const nightly = schedules.find((schedule) => schedule.scheduledAuditName === 'Nightly')!;
    const due = nextRun(nightly, undefined, before)!.getTime();
    await demo.admin('POST', 'settings', { advanceClockMs: due - before + 60_000 });
    const now = Date.parse((await demo.admin<{ now: string }>('GET', 'settings')).now);
    const runs = await waitFor('the scheduled run', async () => {
      const read = await readScheduledRuns(demo.iot, new Map(), now);
      return read.length ? read : undefined;
    });
    assert.deepEqual(runs.map((run) => run.scheduledAuditName), ['Nightly']);
    assert.ok(Math.abs(runs[0].taskStartTime!.getTime() - due) < 120_000, 'it started at the run time the view showed');
    await completed(demo.iot, runs[0].taskId);
    const ended = await readScheduledRuns(demo.iot, new Map(), now);
    const node = scheduleNode(nightly, lastRuns(ended).get('Nightly'), now);
    assert.match(node.description ?? '', /^daily · next \d{4}-\d{2}-\d{2} 00:00 · last \d{4}-\d{2}-\d{2} 00:0\d completed$/);
    assert.equal(nextRun(nightly, ended[0], now)?.getTime(), due + DAY_MS, 'the next run is the following midnight');

    // Ended runs are not described again.
    const mark = (await demo.admin<{ lastSequence: number }>('GET', 'requests')).lastSequence;
    await readScheduledRuns(demo.iot, new Map(ended.map((run) => [run.taskId, run])), now);
    const log = await demo.admin<{ requests: { operation?: string }[] }>('GET', `requests?after=${mark}`);
    assert.deepEqual(log.requests.map((request) => request.operation), ['ListAuditTasks']);
  });

  it('a suppression applied from a finding marks the next audit\'s finding, is read back by the view, and goes when removed', async () => {
    const { taskId } = await demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['DEVICE_CERTIFICATE_SHARED_CHECK'] }));
    await completed(demo.iot, taskId!);
    const [finding] = (await demo.iot.send(new ListAuditFindingsCommand({ taskId, maxResults: 1 }))).findings!;
    const entry = suppressionEntry(finding, 'Lab devices share one certificate', { until: new Date(Date.now() + 40 * DAY_MS).toISOString().slice(0, 10) });
    await createSuppression(demo.iot, suppressionRequest(entry, 'suppress-1'));
    await createSuppression(demo.iot, suppressionRequest(entry, 'suppress-1'));
    const suppressions = await readSuppressions(demo.iot);
    assert.equal(suppressions.filter((candidate) => suppressionOf(finding, [candidate])).length, 1, 'a retry with the same token makes no second suppression');
    const suppression = suppressionOf(finding, suppressions);
    assert.ok(suppression, 'the view finds the suppression of this finding');
    const status = suppressionStatus(suppression, Date.now());
    assert.deepEqual(status, { active: true, text: `suppressed until ${entry.expirationDate}`, reason: 'Lab devices share one certificate' });
    assert.equal(findingNode(finding, undefined, status).contextValue, 'finding.suppressed');

    const { taskId: next } = await demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['DEVICE_CERTIFICATE_SHARED_CHECK'] }));
    await completed(demo.iot, next!);
    const again = (await demo.iot.send(new ListAuditFindingsCommand({ taskId: next, maxResults: 250 }))).findings!;
    assert.deepEqual(again.filter((candidate) => suppressionOf(candidate, suppressions)).map((candidate) => candidate.isSuppressed), [true], 'the emulator and the view name the same resource');

    await deleteSuppression(demo.iot, entry.checkName, entry.resourceIdentifier);
    const left = await readSuppressions(demo.iot);
    assert.equal(suppressionOf(finding, left), undefined);
    assert.equal(left.length, suppressions.length - 1, 'the demo\'s own suppressions stay');
  });

  it('an expired suppression, which the account still lists, is renewed by Suppress Finding… (a second create is refused)', async () => {
    const { taskId } = await demo.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['DEVICE_CERTIFICATE_SHARED_CHECK'] }));
    await completed(demo.iot, taskId!);
    const [finding] = (await demo.iot.send(new ListAuditFindingsCommand({ taskId, maxResults: 1 }))).findings!;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    await createSuppression(demo.iot, suppressionRequest(suppressionEntry(finding, 'Until the lab closes', { until: day(Date.now() + 2 * DAY_MS) }), 'expiring-1'));
    await demo.admin('POST', 'settings', { advanceClockMs: 4 * DAY_MS });
    const now = Date.parse((await demo.admin<{ now: string }>('GET', 'settings')).now);
    const expired = suppressionOf(finding, await readSuppressions(demo.iot));
    assert.ok(expired, 'an expired suppression stays listed');
    assert.equal(suppressionStatus(expired, now).active, false);

    const renewal = suppressionEntry(finding, 'The lab stays open a month more', { until: day(now + 30 * DAY_MS) });
    await assert.rejects(createSuppression(demo.iot, suppressionRequest(renewal, 'expiring-2')), (error: Error) => error.name === 'ResourceAlreadyExistsException');
    await renewSuppression(demo.iot, suppressionFields(renewal));
    const renewed = suppressionOf(finding, await readSuppressions(demo.iot))!;
    assert.deepEqual(suppressionStatus(renewed, now), { active: true, text: `suppressed until ${renewal.expirationDate}`, reason: 'The lab stays open a month more' });
    await deleteSuppression(demo.iot, renewal.checkName, renewal.resourceIdentifier);
  });
});
