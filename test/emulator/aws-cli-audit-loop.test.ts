/**
 * The audit loop with the real AWS CLI v2 (/usr/bin/aws): suppressions with an ISO expiry and
 * the CLI's own idempotency token, scheduled audits run by moving the emulator clock, related
 * resources, and deleting the configuration, with the CLI's error output.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { DAY_MS, useAwsIotCli, useDemoEmulator, waitFor } from './helpers';

const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:${DEMO.topicName}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/${DEMO.mitigationRole}`;

describe('emulator: the audit loop (AWS CLI v2)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });
  const cli = useAwsIotCli(demo);
  const aws = cli.run;
  const json = cli.json;

  it('suppresses a finding until a date, lists and updates the suppression, and refuses a second one', async () => {
    const until = new Date(Date.now() + 10 * DAY_MS).toISOString();
    await json('create-audit-suppression', '--check-name', 'LOGGING_DISABLED_CHECK', '--resource-identifier', `account=${ACCOUNT}`, '--expiration-date', until, '--description', 'Logging lands next sprint');
    const described = await json('describe-audit-suppression', '--check-name', 'LOGGING_DISABLED_CHECK', '--resource-identifier', `account=${ACCOUNT}`);
    assert.equal(described.suppressIndefinitely, false);
    assert.equal(typeof described.expirationDate, 'string', 'the CLI renders the epoch timestamp as a date');
    assert.ok(Math.abs(Date.parse(described.expirationDate) - Date.parse(until)) < 1000, 'the CLI sends whole seconds');
    const second = await aws('create-audit-suppression', '--check-name', 'LOGGING_DISABLED_CHECK', '--resource-identifier', `account=${ACCOUNT}`, '--suppress-indefinitely');
    assert.equal(second.code, 254);
    assert.match(second.stderr, /An error occurred \(ResourceAlreadyExistsException\) when calling the CreateAuditSuppression operation.*: A suppression of LOGGING_DISABLED_CHECK/);
    await json('update-audit-suppression', '--check-name', 'LOGGING_DISABLED_CHECK', '--resource-identifier', `account=${ACCOUNT}`, '--suppress-indefinitely');
    const listed = await json('list-audit-suppressions', '--check-name', 'LOGGING_DISABLED_CHECK');
    assert.deepEqual(listed.suppressions.map((suppression: { suppressIndefinitely: boolean; description: string }) => [suppression.suppressIndefinitely, suppression.description]), [[true, 'Logging lands next sprint']]);
    const all = await json('list-audit-suppressions', '--page-size', '1');
    assert.equal(all.suppressions.length, 2, "the CLI's auto-pagination gathers the demo's suppression and this one");
    await json('delete-audit-suppression', '--check-name', 'LOGGING_DISABLED_CHECK', '--resource-identifier', `account=${ACCOUNT}`);
    const gone = await aws('describe-audit-suppression', '--check-name', 'LOGGING_DISABLED_CHECK', '--resource-identifier', `account=${ACCOUNT}`);
    assert.match(gone.stderr, /\(ResourceNotFoundException\)/);
  });

  it('schedules an audit, runs it when the emulator clock reaches its day, and deletes the configuration with it', async () => {
    await json('update-account-audit-configuration', '--audit-notification-target-configurations', JSON.stringify({ SNS: { targetArn: TOPIC, roleArn: ROLE, enabled: true } }));
    const created = await json('create-scheduled-audit', '--scheduled-audit-name', 'CliWeekly', '--frequency', 'WEEKLY', '--day-of-week', 'MON', '--target-check-names', 'LOGGING_DISABLED_CHECK');
    assert.equal(created.scheduledAuditArn, `arn:aws:iot:us-east-1:${ACCOUNT}:scheduledaudit/CliWeekly`);
    const invalid = await aws('create-scheduled-audit', '--scheduled-audit-name', 'CliBad', '--frequency', 'WEEKLY', '--target-check-names', 'LOGGING_DISABLED_CHECK');
    assert.match(invalid.stderr, /\(InvalidRequestException\).*needs dayOfWeek/);
    await json('update-scheduled-audit', '--scheduled-audit-name', 'CliWeekly', '--frequency', 'DAILY');
    assert.equal((await json('describe-scheduled-audit', '--scheduled-audit-name', 'CliWeekly')).frequency, 'DAILY');
    await json('create-scheduled-audit', '--scheduled-audit-name', 'CliSpare', '--frequency', 'MONTHLY', '--day-of-month', 'LAST', '--target-check-names', 'LOGGING_DISABLED_CHECK');
    await json('delete-scheduled-audit', '--scheduled-audit-name', 'CliSpare');
    const listed = await json('list-scheduled-audits');
    assert.deepEqual(listed.scheduledAudits.map((audit: { scheduledAuditName: string; frequency: string }) => [audit.scheduledAuditName, audit.frequency]), [['CliWeekly', 'DAILY']]);

    await fetch(`${demo.emulator.url}/_emulator/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceClockMs: DAY_MS }) });
    const window = ['--start-time', new Date(Date.now() - DAY_MS).toISOString(), '--end-time', new Date(Date.now() + 3 * DAY_MS).toISOString(), '--task-type', 'SCHEDULED_AUDIT_TASK'];
    const taskId = await waitFor('the scheduled audit to complete', async () => {
      const [task] = (await json('list-audit-tasks', ...window)).tasks;
      return task?.taskStatus === 'COMPLETED' ? (task.taskId as string) : undefined;
    });
    const audit = await json('describe-audit-task', '--task-id', taskId);
    assert.deepEqual([audit.taskType, audit.scheduledAuditName], ['SCHEDULED_AUDIT_TASK', 'CliWeekly']);
    const sns = (await (await fetch(`${demo.emulator.url}/_emulator/sns?topicArn=${encodeURIComponent(TOPIC)}`)).json()) as { messages: { taskId: string; message: string }[] };
    assert.equal(JSON.parse(sns.messages.find((message) => message.taskId === taskId)!.message).scheduledAuditName, 'CliWeekly');

    const [finding] = (await json('list-audit-findings', '--task-id', taskId)).findings;
    const related = await json('list-related-resources-for-audit-finding', '--finding-id', finding.findingId);
    assert.deepEqual(related.relatedResources, [], 'the logging check relates no other resource');

    const blocked = await aws('delete-account-audit-configuration');
    assert.match(blocked.stderr, /\(InvalidRequestException\).*deleteScheduledAudits=true/);
    await json('delete-account-audit-configuration', '--delete-scheduled-audits');
    assert.deepEqual((await json('list-scheduled-audits')).scheduledAudits, []);
    const configuration = await json('describe-account-audit-configuration');
    assert.equal(configuration.roleArn, undefined);
    await fetch(`${demo.emulator.url}/_emulator/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clockOffsetMs: 0 }) });
  });
});
