/**
 * "Copy as AWS CLI Command" runs as pasted: the extension's own renderers (client/actions/model/
 * cliCommand.ts) turn what its IotApi reads from the emulator into a command, and a POSIX shell
 * with no AWS set-up at all (empty HOME, no AWS variables) runs it with the real AWS CLI v2
 * (/usr/bin/aws, Debian). The emulator's state must then show what the command was meant to do.
 */
import { DescribeMitigationActionCommand, DeleteMitigationActionCommand, CreateMitigationActionCommand, ListAuditFindingsCommand, StartAuditMitigationActionsTaskCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { copiedActionCommand, copiedTaskCommand } from '../../client/actions/model/cliCommand';
import { emulatorCliConnection } from '../../client/connection/model/emulatorCli';
import { IotApi } from '../../client/shared/model/iotApi';
import { ACTION_TYPES } from '../../common';
import { EXAMPLE_ROLE_ARN } from '../../common/templates';
import { DEMO } from '../../emulator/index';
import { emptyHome, requireExecutable, runProcess, waitFor, useDemoEmulator } from './helpers';

const AWS = '/usr/bin/aws';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CHECK = 'REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK';

describe('emulator: copied AWS CLI commands run as pasted', () => {
  let home: string;
  before(() => {
    requireExecutable(AWS, 'install the AWS CLI with `apt-get install -y awscli`');
    home = emptyHome();
  });
  const demo = useDemoEmulator();
  const api = () => new IotApi(demo.iot);

  /** A shell as a user's could be: nothing about AWS in it, /usr/bin's aws first on PATH. */
  async function paste(command: string): Promise<Record<string, unknown>> {
    const result = await runProcess('/bin/sh', ['-c', command], {
      PATH: '/usr/bin:/bin',
      HOME: home,
      LANG: 'C.UTF-8',
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    assert.equal(result.code, 0, `the pasted command failed: ${command}\n${result.stderr}`);
    return result.stdout.trim() ? (JSON.parse(result.stdout) as Record<string, unknown>) : {};
  }

  it('recreates an action of each of the six types, tags included, from its copied command', async () => {
    const connection = emulatorCliConnection(demo.url);
    for (const [index, info] of ACTION_TYPES.entries()) {
      const actionName = `Copied-${info.type}`;
      const actionParams = { [info.paramsKey]: info.example };
      const tags = [{ Key: 'team', Value: "security's" }, { Key: 'index', Value: String(index) }];
      await demo.iot.send(new CreateMitigationActionCommand({ actionName, roleArn: EXAMPLE_ROLE_ARN, actionParams, tags }));
      const described = await api().describeAction(actionName);
      const command = copiedActionCommand(described, await api().listTags(described.actionArn!), connection);
      assert.match(command, /^AWS_ACCESS_KEY_ID=\S+ AWS_SECRET_ACCESS_KEY=\S+ AWS_REGION=us-east-1 aws iot create-mitigation-action /);
      assert.ok(command.endsWith(` --endpoint-url ${demo.url}`), command);
      await demo.iot.send(new DeleteMitigationActionCommand({ actionName }));

      const created = await paste(command);
      assert.equal(created.actionArn, described.actionArn);
      const recreated = await demo.iot.send(new DescribeMitigationActionCommand({ actionName }));
      assert.deepEqual([recreated.actionType, recreated.roleArn, recreated.actionParams], [info.type, EXAMPLE_ROLE_ARN, described.actionParams]);
      assert.deepEqual(await api().listTags(recreated.actionArn!), tags);
    }
  });

  /** The task once it has left IN_PROGRESS, as the extension reads it. */
  const finished = (taskId: string) => waitFor(`task ${taskId} to finish`, async () => {
    const described = await api().describeTask(taskId);
    return described.taskStatus === 'IN_PROGRESS' ? undefined : described;
  });

  it('starts a copied task again under a fresh id, by audit id and by finding ids, and it runs', async () => {
    await demo.admin('POST', 'settings', { paceMs: 0 });
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'Notify', roleArn: EXAMPLE_ROLE_ARN, actionParams: { publishFindingToSnsParams: { topicArn: `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}` } } }));
    const [finding] = (await demo.iot.send(new ListAuditFindingsCommand({ taskId: DEMO.auditTaskId, checkName: CHECK }))).findings ?? [];
    assert.ok(finding?.findingId, 'the demo audit has a finding for the check');
    const targets = [{ auditTaskId: DEMO.auditTaskId }, { findingIds: [finding.findingId] }];
    for (const [index, target] of targets.entries()) {
      const originalId = `original-${index}`;
      await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: originalId, target, auditCheckToActionsMapping: { [CHECK]: ['Notify'] }, clientRequestToken: `token-${index}` }));
      const original = await finished(originalId);
      const command = copiedTaskCommand(original, emulatorCliConnection(demo.url));
      const newId = /--task-id (\S+)/.exec(command)?.[1] ?? '';
      assert.match(newId, UUID_V4, 'a fresh UUID v4');
      assert.ok(!command.includes('--client-request-token'), 'the CLI makes its own token, as for any new task');
      const sentBefore = ((await demo.admin('GET', 'sns')) as { messages: unknown[] }).messages.length;

      const started = await paste(command);
      assert.equal(started.taskId, newId);
      const task = await finished(newId);
      assert.equal(task.taskStatus, 'COMPLETED');
      assert.deepEqual(task.target, target);
      assert.deepEqual(task.auditCheckToActionsMapping, { [CHECK]: ['Notify'] });
      const sentAfter = ((await demo.admin('GET', 'sns')) as { messages: unknown[] }).messages.length;
      assert.equal(sentAfter - sentBefore, task.taskStatistics?.[CHECK]?.succeededFindingsCount, 'one SNS message per mitigated finding');
      assert.ok((task.taskStatistics?.[CHECK]?.succeededFindingsCount ?? 0) >= 1);
    }
  });
});
