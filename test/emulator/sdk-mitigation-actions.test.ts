/** Mitigation action definitions through @aws-sdk/client-iot: CRUD, idempotency, conflicts, quota, validation. */
import {
  CreateMitigationActionCommand,
  DeleteMitigationActionCommand,
  DescribeMitigationActionCommand,
  InvalidRequestException,
  LimitExceededException,
  ListMitigationActionsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateMitigationActionCommand,
  paginateListMitigationActions,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useDemoEmulator } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/IoTMitigationActionsRole';

describe('emulator: mitigation actions (SDK)', () => {
  const demo = useDemoEmulator();

  it('creates, describes, lists, updates and deletes an action', async () => {
    const created = await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'Deactivate', roleArn: ROLE, actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } }, tags: [{ Key: 'team', Value: 'sec' }] }));
    assert.equal(created.actionArn, 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Deactivate');
    assert.match(created.actionId ?? '', /^[0-9a-f-]{36}$/);
    assert.match(created.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);

    const described = await demo.iot.send(new DescribeMitigationActionCommand({ actionName: 'Deactivate' }));
    assert.equal(described.actionType, 'UPDATE_DEVICE_CERTIFICATE');
    assert.equal(described.roleArn, ROLE);
    assert.deepEqual(described.actionParams, { updateDeviceCertificateParams: { action: 'DEACTIVATE' } });
    assert.ok(described.creationDate instanceof Date && Math.abs(described.creationDate.getTime() - Date.now()) < 60_000);

    await demo.iot.send(new UpdateMitigationActionCommand({ actionName: 'Deactivate', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:DeviceDefenderFindings' } } }));
    const updated = await demo.iot.send(new DescribeMitigationActionCommand({ actionName: 'Deactivate' }));
    assert.equal(updated.actionType, 'PUBLISH_FINDING_TO_SNS');
    assert.equal(updated.actionId, created.actionId);

    const listed = await demo.iot.send(new ListMitigationActionsCommand({ actionType: 'PUBLISH_FINDING_TO_SNS' }));
    assert.deepEqual(listed.actionIdentifiers?.map((action) => action.actionName), ['Deactivate']);
    const none = await demo.iot.send(new ListMitigationActionsCommand({ actionType: 'ENABLE_IOT_LOGGING' }));
    assert.deepEqual(none.actionIdentifiers, []);

    await demo.iot.send(new DeleteMitigationActionCommand({ actionName: 'Deactivate' }));
    await assert.rejects(demo.iot.send(new DescribeMitigationActionCommand({ actionName: 'Deactivate' })), ResourceNotFoundException);
    // Deleting an unknown name succeeds (idempotent delete).
    await demo.iot.send(new DeleteMitigationActionCommand({ actionName: 'Deactivate' }));
  });

  it('accepts the same create twice and rejects a different one with 409 and the resource id', async () => {
    const input = { actionName: 'Quarantine', roleArn: ROLE, actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'] } } };
    const first = await demo.iot.send(new CreateMitigationActionCommand(input));
    const second = await demo.iot.send(new CreateMitigationActionCommand(input));
    assert.equal(second.actionId, first.actionId);
    const conflict = await demo.iot.send(new CreateMitigationActionCommand({ ...input, actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Cameras'] } } })).catch((error: unknown) => error);
    assert.ok(conflict instanceof ResourceAlreadyExistsException);
    assert.equal(conflict.$metadata.httpStatusCode, 409);
    assert.equal(conflict.resourceId, first.actionId);
    assert.equal(conflict.resourceArn, first.actionArn);
  });

  it('enforces the 100-action quota with LimitExceededException (410)', async () => {
    for (let index = 0; index < 100; index++) {
      await demo.iot.send(new CreateMitigationActionCommand({ actionName: `sns-${index}`, roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } } }));
    }
    const error = await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'one-too-many', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } })).catch((e: unknown) => e);
    assert.ok(error instanceof LimitExceededException);
    assert.equal(error.$metadata.httpStatusCode, 410);
    // Re-creating an existing one is still fine at the quota.
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'sns-7', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } } }));

    const pages: number[] = [];
    const names: string[] = [];
    for await (const page of paginateListMitigationActions({ client: demo.iot, pageSize: 30 }, {})) {
      pages.push(page.actionIdentifiers?.length ?? 0);
      names.push(...(page.actionIdentifiers ?? []).map((action) => action.actionName!));
    }
    assert.deepEqual(pages, [30, 30, 30, 10]);
    assert.equal(new Set(names).size, 100);
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['a name with a space', { actionName: 'bad name', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } }, /Action name|pattern/],
    ['a short role ARN', { actionName: 'ok', roleArn: 'arn:short', actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } }, /'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20/],
    ['two params members', { actionName: 'ok', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' }, updateDeviceCertificateParams: { action: 'DEACTIVATE' } } }, /exactly one of the mitigation action parameter structures/],
    ['no params member', { actionName: 'ok', roleArn: ROLE, actionParams: {} }, /exactly one of the mitigation action parameter structures/],
    ['logLevel DISABLED', { actionName: 'ok', roleArn: ROLE, actionParams: { enableIoTLoggingParams: { roleArnForLogging: ROLE, logLevel: 'DISABLED' } } }, /DISABLED/],
    ['an unknown enum value', { actionName: 'ok', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'REVOKE' } } }, /REVOKE/],
    ['11 thing groups', { actionName: 'ok', roleArn: ROLE, actionParams: { addThingsToThingGroupParams: { thingGroupNames: Array.from({ length: 11 }, (_, i) => `g${i}`) } } }, /'actionParams\.addThingsToThingGroupParams\.thingGroupNames' failed to satisfy constraint: Member must have length less than or equal to 10/],
    ['a missing roleArn', { actionName: 'ok', actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } }, /roleArn/],
    ['a 129-character name', { actionName: 'x'.repeat(129), roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } }, /128/],
  ];
  for (const [what, input, message] of invalid) {
    it(`rejects ${what} with InvalidRequestException`, async () => {
      const error = await demo.iot.send(new CreateMitigationActionCommand(input as never)).catch((e: unknown) => e);
      assert.ok(error instanceof InvalidRequestException, String(error));
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.match(error.message, message);
    });
  }

  it('rejects updates of unknown actions and invalid updates', async () => {
    await assert.rejects(demo.iot.send(new UpdateMitigationActionCommand({ actionName: 'missing', roleArn: ROLE })), ResourceNotFoundException);
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'ca', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } }));
    await assert.rejects(demo.iot.send(new UpdateMitigationActionCommand({ actionName: 'ca', roleArn: 'short' })), InvalidRequestException);
  });

  it('rejects out-of-range maxResults and foreign page tokens', async () => {
    await assert.rejects(demo.iot.send(new ListMitigationActionsCommand({ maxResults: 251 })), /less than or equal to 250/);
    await assert.rejects(demo.iot.send(new ListMitigationActionsCommand({ maxResults: 0 })), InvalidRequestException);
    await assert.rejects(demo.iot.send(new ListMitigationActionsCommand({ nextToken: 'not-a-token' })), /pagination token is invalid/);
    await assert.rejects(demo.iot.send(new ListMitigationActionsCommand({ actionType: 'DELETE_EVERYTHING' as never })), /enum/);
  });
});
