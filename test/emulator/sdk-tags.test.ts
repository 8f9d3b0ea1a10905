/** Tags of mitigation actions and thing groups through @aws-sdk/client-iot: ListTagsForResource, TagResource, UntagResource (scheduled audits: scheduled-audit-tags.test.ts). */
import {
  CreateMitigationActionCommand,
  CreateThingGroupCommand,
  InvalidRequestException,
  LimitExceededException,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useDemoEmulator } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/IoTMitigationActionsRole';
const ACTION_ARN = 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Tagged';

describe('emulator: tags (SDK)', () => {
  const demo = useDemoEmulator();
  const tagsOf = async (resourceArn: string) => (await demo.iot.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

  it('lists the tags an action was created with, merges new ones by key and removes keys', async () => {
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'Tagged', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } }, tags: [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'dev' }] }));
    assert.deepEqual(await tagsOf(ACTION_ARN), [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'dev' }]);
    await demo.iot.send(new TagResourceCommand({ resourceArn: ACTION_ARN, tags: [{ Key: 'env', Value: 'prod' }, { Key: 'owner' }] }));
    assert.deepEqual(await tagsOf(ACTION_ARN), [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'prod' }, { Key: 'owner' }]);
    await demo.iot.send(new UntagResourceCommand({ resourceArn: ACTION_ARN, tagKeys: ['team', 'not-there'] }));
    assert.deepEqual(await tagsOf(ACTION_ARN), [{ Key: 'env', Value: 'prod' }, { Key: 'owner' }]);
  });

  it('tags thing groups too', async () => {
    const group = await demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'TaggedGroup' }));
    assert.deepEqual(await tagsOf(group.thingGroupArn!), []);
    await demo.iot.send(new TagResourceCommand({ resourceArn: group.thingGroupArn!, tags: [{ Key: 'site', Value: 'lab' }] }));
    assert.deepEqual(await tagsOf(group.thingGroupArn!), [{ Key: 'site', Value: 'lab' }]);
  });

  it('refuses what the service refuses, changing nothing', async () => {
    await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'Tagged', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } }, tags: [{ Key: 'team', Value: 'sec' }] }));
    const refusal = (command: TagResourceCommand | UntagResourceCommand | ListTagsForResourceCommand) => demo.iot.send(command as TagResourceCommand).then(() => assert.fail('accepted'), (error: unknown) => error);
    assert.ok(await refusal(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Nope' })) instanceof ResourceNotFoundException);
    assert.ok(await refusal(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:iot:eu-west-1:123456789012:mitigationaction/Tagged' })) instanceof ResourceNotFoundException, 'another region holds no such action');
    const notArn = await refusal(new TagResourceCommand({ resourceArn: 'Tagged', tags: [{ Key: 'k' }] }));
    assert.ok(notArn instanceof InvalidRequestException && /is not an AWS IoT resource ARN/.test(notArn.message));
    const untaggable = await refusal(new TagResourceCommand({ resourceArn: 'arn:aws:iot:us-east-1:123456789012:thing/sensor-001', tags: [{ Key: 'k' }] }));
    assert.ok(untaggable instanceof InvalidRequestException && /AWS IoT does not tag thing resources/.test(untaggable.message));
    const reserved = await refusal(new TagResourceCommand({ resourceArn: ACTION_ARN, tags: [{ Key: 'ok', Value: '1' }, { Key: 'aws:owner', Value: 'x' }] }));
    assert.ok(reserved instanceof InvalidRequestException && /reserved/.test(reserved.message));
    const tooMany = await refusal(new TagResourceCommand({ resourceArn: ACTION_ARN, tags: Array.from({ length: 50 }, (_, index) => ({ Key: `k${index}` })) }));
    assert.ok(tooMany instanceof LimitExceededException && /at most 50 tags/.test(tooMany.message));
    const badKey = await refusal(new TagResourceCommand({ resourceArn: ACTION_ARN, tags: [{ Key: 'no#hash' }] }));
    assert.ok(badKey instanceof InvalidRequestException && /tags\.1\.Key/.test(badKey.message));
    assert.deepEqual(await tagsOf(ACTION_ARN), [{ Key: 'team', Value: 'sec' }]);
  });

  it('creating an action or a thing group applies the same tag rules as TagResource', async () => {
    const created = (send: Promise<unknown>) => send.then(() => assert.fail('accepted'), (error: unknown) => error);
    const reserved = await created(demo.iot.send(new CreateMitigationActionCommand({ actionName: 'Reserved', roleArn: ROLE, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } }, tags: [{ Key: 'aws:owner', Value: 'x' }] })));
    assert.ok(reserved instanceof InvalidRequestException && /reserved/.test(reserved.message));
    const tooMany = await created(demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Crowded', tags: Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}` })) })));
    assert.ok(tooMany instanceof LimitExceededException && /at most 50 tags/.test(tooMany.message));
    const refusedLeftNothing = await created(demo.iot.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Reserved' })));
    assert.ok(refusedLeftNothing instanceof ResourceNotFoundException, 'the refused action was not created');
  });
});
