/**
 * The measured gaps between the emulator and the AWS IoT model, each closed and proven through
 * the real SDK: tags, thing types and billing groups, logging event configurations, unknown
 * members dropped, validation before idempotency, task end-time filtering, keyset page tokens,
 * atomic admin seeding.
 */
import {
  CreateMitigationActionCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  DeleteMitigationActionCommand,
  DescribeAuditMitigationActionsTaskCommand,
  DescribeMitigationActionCommand,
  DescribeThingCommand,
  GetV2LoggingOptionsCommand,
  InvalidRequestException,
  ListAuditFindingsCommand,
  ListAuditMitigationActionsTasksCommand,
  ListMitigationActionsCommand,
  ListThingsCommand,
  ResourceNotFoundException,
  SetV2LoggingOptionsCommand,
  StartAuditMitigationActionsTaskCommand,
  TaskAlreadyExistsException,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { admin, useDemoEmulator, DAY_MS, waitFor } from './helpers';

const ROLE = `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`;
const TOPIC = `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}`;

async function invalid(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  assert.ok(error instanceof InvalidRequestException, String(error));
  assert.equal(error.$metadata.httpStatusCode, 400);
  return error.message;
}

describe('emulator: the model gaps, closed (SDK)', () => {
  const demo = useDemoEmulator();

  const state = async () => (await admin<{ tables: Record<string, [string, Record<string, unknown>][]> }>(demo.emulator, 'GET', 'state')).tables;

  it('validates and stores the tags of CreateThingGroup', async () => {
    await demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Tagged', tags: [{ Key: 'site', Value: 'lab' }, { Key: 'owner' }] }));
    const group = (await state()).thingGroups.find(([name]) => name === 'Tagged')![1];
    assert.deepEqual(group.tags, [{ Key: 'site', Value: 'lab' }, { Key: 'owner' }]);
    assert.match(await invalid(demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Bad', tags: [{ Key: '' }] }))), /'tags\.1\.Key' failed to satisfy constraint: Member must have length greater than or equal to 1/);
    assert.match(await invalid(demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Bad', tags: [{ Value: 'x' } as never] }))), /Value null at 'tags\.1\.Key' failed to satisfy constraint: Member must not be null/);
    assert.match(await invalid(demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Bad', tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }))), /'tags\.1\.Value'.*less than or equal to 256/);
    assert.equal((await state()).thingGroups.some(([name]) => name === 'Bad'), false);
  });

  it('validates, keeps and returns the event configurations of SetV2LoggingOptions, and keeps disableAllLogs when it is left out', async () => {
    const eventConfigurations = [{ eventType: 'Connect', logLevel: 'INFO' as const, logDestination: 'iot/connect' }];
    await demo.iot.send(new SetV2LoggingOptionsCommand({ roleArn: ROLE, defaultLogLevel: 'WARN', disableAllLogs: true, eventConfigurations }));
    assert.deepEqual((await demo.iot.send(new GetV2LoggingOptionsCommand({}))).eventConfigurations, eventConfigurations);
    await demo.iot.send(new SetV2LoggingOptionsCommand({ defaultLogLevel: 'ERROR' }));
    const after = await demo.iot.send(new GetV2LoggingOptionsCommand({}));
    assert.equal(after.disableAllLogs, true, 'a Set without disableAllLogs leaves it as it was');
    assert.equal(after.defaultLogLevel, 'ERROR');
    assert.deepEqual(after.eventConfigurations, eventConfigurations);
    assert.match(await invalid(demo.iot.send(new SetV2LoggingOptionsCommand({ eventConfigurations: [{ logLevel: 'INFO' } as never] }))), /'eventConfigurations\.1\.eventType' failed to satisfy constraint: Member must not be null/);
    assert.match(await invalid(demo.iot.send(new SetV2LoggingOptionsCommand({ eventConfigurations: [{ eventType: 'Connect', logLevel: 'LOUD' as never }] }))), /enum value set/);
    assert.match(await invalid(demo.iot.send(new SetV2LoggingOptionsCommand({ eventConfigurations: [{ eventType: 'Connect', logDestination: 'no spaces' }] }))), /'eventConfigurations\.1\.logDestination' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    assert.deepEqual((await demo.iot.send(new GetV2LoggingOptionsCommand({}))).eventConfigurations, eventConfigurations, 'a refused Set changes nothing');
  });

  it('drops members the model does not declare: not stored, not echoed, no effect on idempotency', async () => {
    const input = { actionName: 'Extra', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC, colour: 'red' } }, notAMember: 42 };
    const created = await demo.iot.send(new CreateMitigationActionCommand(input as never));
    const described = await demo.iot.send(new DescribeMitigationActionCommand({ actionName: 'Extra' }));
    assert.deepEqual(described.actionParams, { publishFindingToSnsParams: { topicArn: TOPIC } });
    const replay = await demo.iot.send(new CreateMitigationActionCommand({ ...input, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC, colour: 'blue' } } } as never));
    assert.equal(replay.actionId, created.actionId, 'the same declared members are the same action');
    const action = (await state()).mitigationActions.find(([name]) => name === 'Extra')![1];
    assert.equal(JSON.stringify(action).includes('colour') || JSON.stringify(action).includes('notAMember'), false);
  });

  it('validates a task start in full before looking at idempotency', async () => {
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'Notify', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } }));
    const [finding] = (await demo.iot.send(new ListAuditFindingsCommand({ checkName: 'LOGGING_DISABLED_CHECK' }))).findings!;
    const start = { taskId: 'replayed', target: { findingIds: [finding.findingId!] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] }, clientRequestToken: 'token-1' };
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand(start));
    assert.match(await invalid(demo.iot.send(new StartAuditMitigationActionsTaskCommand({ ...start, auditCheckToActionsMapping: undefined } as never))), /Value null at 'auditCheckToActionsMapping' failed to satisfy constraint: Member must not be null/);
    assert.match(await invalid(demo.iot.send(new StartAuditMitigationActionsTaskCommand({ ...start, clientRequestToken: 'not a token!' }))), /'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    await assert.rejects(demo.iot.send(new StartAuditMitigationActionsTaskCommand({ ...start, clientRequestToken: 'token-2' })), TaskAlreadyExistsException);
    assert.equal((await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ ...start, extra: true } as never))).taskId, 'replayed');
    const described = await demo.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'replayed' }));
    assert.deepEqual(described.target, { findingIds: [finding.findingId] });
  });

  it('checks the thing type and billing group of CreateThing and keeps the billing group', async () => {
    await assert.rejects(demo.iot.send(new CreateThingCommand({ thingName: 'typed', thingTypeName: 'NoSuchType' })), (error: unknown) => error instanceof ResourceNotFoundException && /Thing type NoSuchType does not exist/.test(error.message));
    await assert.rejects(demo.iot.send(new CreateThingCommand({ thingName: 'billed', billingGroupName: 'NoSuchGroup' })), (error: unknown) => error instanceof ResourceNotFoundException && /Billing group NoSuchGroup does not exist/.test(error.message));
    await admin(demo.emulator, 'POST', 'seed', { thingTypes: [{ thingTypeName: 'Sensor' }, { thingTypeName: 'Old', deprecated: true }], billingGroups: [{ billingGroupName: 'Lab' }] });
    await demo.iot.send(new CreateThingCommand({ thingName: 'typed', thingTypeName: 'Sensor', billingGroupName: 'Lab' }));
    const described = await demo.iot.send(new DescribeThingCommand({ thingName: 'typed' }));
    assert.deepEqual([described.thingTypeName, described.billingGroupName], ['Sensor', 'Lab']);
    assert.deepEqual((await demo.iot.send(new ListThingsCommand({ thingTypeName: 'Sensor' }))).things?.map((thing) => thing.thingName), ['typed']);
    assert.match(await invalid(demo.iot.send(new CreateThingCommand({ thingName: 'old', thingTypeName: 'Old' }))), /deprecated/);
    assert.match(await invalid(demo.iot.send(new CreateThingCommand({ thingName: 'typed', thingTypeName: 'bad type' }))), /'thingTypeName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it('filters ListAuditMitigationActionsTasks by when a task ended, not when it started', async () => {
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'Notify', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } }));
    const [finding] = (await demo.iot.send(new ListAuditFindingsCommand({ checkName: 'LOGGING_DISABLED_CHECK' }))).findings!;
    // Paced, the task's one execution takes 300 ms, so it ends well after it started.
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 300 });
    await demo.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'ends-later', target: { findingIds: [finding.findingId!] }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Notify'] }, clientRequestToken: 't' }));
    const described = await waitFor('the task to end', async () => {
      const task = await demo.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'ends-later' }));
      return task.taskStatus === 'COMPLETED' ? task : undefined;
    });
    await admin(demo.emulator, 'POST', 'settings', { paceMs: 0 });
    const started = described.startTime!.getTime();
    const ended = described.endTime!.getTime();
    assert.ok(ended - started >= 250, `ended ${ended - started} ms after it started`);
    const list = (endTime: number) => demo.iot.send(new ListAuditMitigationActionsTasksCommand({ startTime: new Date(Date.now() - DAY_MS), endTime: new Date(endTime) })).then((page) => page.tasks?.map((task) => task.taskId) ?? []);
    assert.deepEqual(await list(started + 100), [], 'started before endTime but ended after it');
    assert.deepEqual(await list(ended), ['ends-later'], 'ended on endTime');
  });

  it('resumes a page after the last key returned, so deleting an item on an earlier page skips nothing', async () => {
    const names = Array.from({ length: 7 }, (_, index) => `Page-${index}`);
    for (const actionName of names) await demo.iot.send(new CreateMitigationActionCommand({ actionName, roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: TOPIC } } }));
    const first = await demo.iot.send(new ListMitigationActionsCommand({ actionType: 'PUBLISH_FINDING_TO_SNS', maxResults: 3 }));
    assert.deepEqual(first.actionIdentifiers?.map((action) => action.actionName), names.slice(0, 3));
    await demo.iot.send(new DeleteMitigationActionCommand({ actionName: 'Page-0' }));
    await demo.iot.send(new DeleteMitigationActionCommand({ actionName: 'Page-2' }));
    const second = await demo.iot.send(new ListMitigationActionsCommand({ actionType: 'PUBLISH_FINDING_TO_SNS', maxResults: 3, nextToken: first.nextToken }));
    assert.deepEqual(second.actionIdentifiers?.map((action) => action.actionName), names.slice(3, 6));
    const third = await demo.iot.send(new ListMitigationActionsCommand({ actionType: 'PUBLISH_FINDING_TO_SNS', maxResults: 3, nextToken: second.nextToken }));
    assert.deepEqual(third.actionIdentifiers?.map((action) => action.actionName), names.slice(6));
    assert.equal(third.nextToken, undefined);
    assert.match(await invalid(demo.iot.send(new ListMitigationActionsCommand({ actionType: 'ENABLE_IOT_LOGGING', nextToken: first.nextToken }))), /pagination token/);
    assert.match(await invalid(demo.iot.send(new ListMitigationActionsCommand({ nextToken: `${first.nextToken!.slice(0, -2)}xx` }))), /pagination token/);
  });

  it('applies an admin seed all or nothing', async () => {
    const before = await state();
    const response = await fetch(`${demo.emulator.url}/_emulator/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roles: [{ roleName: 'Kept?', permissions: [] }], thingGroups: [{ groupName: 'Half' }], things: [{ thingName: 'orphan', groupNames: ['NoSuchGroup'] }] }),
    });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { message: string }).message, /thing group NoSuchGroup does not exist/);
    assert.deepEqual(await state(), before, 'nothing of the refused seed is left');
  });
});
