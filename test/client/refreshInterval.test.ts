/**
 * `mitigations.tasks.refreshInterval` takes effect at the next poll: the task follower asks for
 * the interval before every wait, so a changed setting is the next wait's (SDK against the emulator).
 */
import { CreateMitigationActionCommand, StartAuditMitigationActionsTaskCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskFollower, type DescribedTask } from '../../client/tasks/model/taskFollower';
import { IotApi } from '../../client/shared/model/iotApi';
import { DEMO } from '../../emulator/index';
import { admin, useDemoEmulator, waitFor } from '../emulator/helpers';

describe('the refresh interval is read before each poll', () => {
  const suite = useDemoEmulator({ reset: { seed: 'demo' } });

  it('uses a changed interval from the next poll on', async () => {
    await admin(suite.emulator, 'POST', 'settings', { paceMs: 400 });
    await suite.iot.send(new CreateMitigationActionCommand({ actionName: 'Notify', roleArn: `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`, actionParams: { publishFindingToSnsParams: { topicArn: `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}` } } }));
    await suite.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'interval', target: { auditTaskId: DEMO.auditTaskId }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Notify'] } }));
    let setting = 20;
    const asked: number[] = [];
    const api = new IotApi(suite.iot);
    const follower = new TaskFollower({
      describe: async (taskId) => ({ ...(await api.describeTask(taskId)), taskId }),
      intervalMs: () => (asked.push(setting), setting),
      onError: (_taskId, error) => assert.fail(String(error)),
    });
    const seen: DescribedTask[] = [];
    const subscription = follower.follow('interval', (task) => {
      seen.push(task);
      // The setting changes while the task runs, after the first description.
      if (seen.length === 1) setting = 25;
    });
    await waitFor('the task to end', async () => seen.find((task) => task.taskStatus !== 'IN_PROGRESS'), 400, 25);
    subscription.dispose();
    follower.stopAll();
    const changedAt = asked.indexOf(25);
    assert.ok(changedAt >= 1, `the first wait used the old interval, a later one the new: ${asked.join(', ')}`);
    assert.ok(asked.slice(changedAt).every((value) => value === 25), 'every wait after the change uses it');
  });
});
