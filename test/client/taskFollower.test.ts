/**
 * The task follower against the emulator with the real SDK: however many follow a running
 * task, it is described once per interval (counted in the emulator's request log), and the
 * stream stops when the task ends, when its last follower leaves and on stopAll().
 */
import { CreateMitigationActionCommand, StartAuditMitigationActionsTaskCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskFollower, type DescribedTask } from '../../client/tasks/model/taskFollower';
import { IotApi } from '../../client/shared/model/iotApi';
import { DEMO } from '../../emulator/index';
import { admin, useDemoEmulator, waitFor } from '../emulator/helpers';

const DESCRIBE = 'DescribeAuditMitigationActionsTask';

describe('one request stream per running task (SDK against the emulator)', () => {
  const suite = useDemoEmulator({ reset: { seed: 'demo' } });

  /** Starts a task of three notifications, each execution taking `paceMs`. */
  async function startTask(taskId: string, paceMs: number): Promise<void> {
    await admin(suite.emulator, 'POST', 'settings', { paceMs });
    await suite.iot.send(new CreateMitigationActionCommand({
      actionName: 'Notify',
      roleArn: `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`,
      actionParams: { publishFindingToSnsParams: { topicArn: `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}` } },
    }));
    await suite.iot.send(new StartAuditMitigationActionsTaskCommand({
      taskId,
      target: { auditTaskId: DEMO.auditTaskId, auditCheckToReasonCodeFilter: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['CERTIFICATE_PAST_EXPIRATION', 'CERTIFICATE_APPROACHING_EXPIRATION'] } },
      auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Notify'] },
    }));
  }

  function follower(api: IotApi, errors: unknown[] = []): TaskFollower {
    return new TaskFollower({
      describe: async (taskId) => ({ ...(await api.describeTask(taskId)), taskId }),
      intervalMs: () => 30,
      onError: (_taskId, error) => errors.push(error),
    });
  }

  async function describesAfter(sequence: number): Promise<number> {
    const log = await admin<{ requests: { operation?: string }[] }>(suite.emulator, 'GET', `requests?after=${sequence}`);
    return log.requests.filter((request) => request.operation === DESCRIBE).length;
  }

  async function lastSequence(): Promise<number> {
    return (await admin<{ lastSequence: number }>(suite.emulator, 'GET', 'requests')).lastSequence;
  }

  it('describes a task followed three times once per interval, and stops when it ends', async () => {
    await startTask('followed-thrice', 150);
    const tasks = follower(new IotApi(suite.iot));
    const start = await lastSequence();
    const seen: DescribedTask[][] = [[], [], []];
    const subscriptions = seen.map((list) => tasks.follow('followed-thrice', (task) => list.push(task)));
    const last = await waitFor('the task to end', async () => seen[0].find((task) => task.taskStatus !== 'IN_PROGRESS'), 400, 25);
    assert.equal(last.taskStatus, 'COMPLETED');
    assert.ok(seen[0].length >= 2, 'it was seen running, then ended');
    assert.deepEqual(seen[1], seen[0], 'every follower got the same descriptions');
    assert.deepEqual(seen[2], seen[0]);
    assert.equal(await describesAfter(start), seen[0].length, 'one DescribeAuditMitigationActionsTask per description, not one per follower');
    assert.deepEqual(tasks.followed, [], 'the stream ended with the task');
    const ended = await lastSequence();
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(await describesAfter(ended), 0, 'nothing is asked about an ended task');
    subscriptions.forEach((subscription) => subscription.dispose());
  });

  it('stops asking when the last follower leaves, and on stopAll()', async () => {
    await startTask('left-alone', 5_000);
    const tasks = follower(new IotApi(suite.iot));
    const updates: DescribedTask[] = [];
    const first = tasks.follow('left-alone', (task) => updates.push(task));
    const second = tasks.follow('left-alone', () => undefined);
    await waitFor('a description', async () => (updates.length > 0 ? true : undefined), 400, 25);
    first.dispose();
    assert.deepEqual(tasks.followed, ['left-alone'], 'one follower is still there');
    second.dispose();
    assert.deepEqual(tasks.followed, []);
    const left = await lastSequence();
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(await describesAfter(left), 0, 'no follower, no request');

    const again: DescribedTask[] = [];
    tasks.follow('left-alone', (task) => again.push(task));
    await waitFor('a description', async () => (again.length > 0 ? true : undefined), 400, 25);
    assert.equal(again[0].taskStatus, 'IN_PROGRESS');
    tasks.stopAll();
    const stopped = await lastSequence();
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(await describesAfter(stopped), 0, 'stopAll ends every stream');
    assert.deepEqual(tasks.followed, []);
  });

  it('keeps following through a failed description and reports it', async () => {
    await startTask('through-errors', 5_000);
    const errors: unknown[] = [];
    let calls = 0;
    const api = new IotApi(suite.iot);
    const tasks = new TaskFollower({
      describe: async (taskId) => {
        calls++;
        if (calls === 1) throw new Error('the endpoint is unreachable');
        return { ...(await api.describeTask(taskId)), taskId };
      },
      intervalMs: () => 30,
      onError: (_taskId, error) => errors.push(error),
    });
    const updates: DescribedTask[] = [];
    const subscription = tasks.follow('through-errors', (task) => updates.push(task));
    await waitFor('a description after the failure', async () => (updates.length > 0 ? true : undefined), 400, 25);
    assert.match(String(errors[0]), /unreachable/);
    assert.equal(updates[0].taskId, 'through-errors');
    subscription.dispose();
  });
});
