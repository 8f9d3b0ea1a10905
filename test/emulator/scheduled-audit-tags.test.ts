/**
 * Tags of scheduled audits (arn:aws:iot:<region>:<account>:scheduledaudit/<name>) through the
 * three real clients: @aws-sdk/client-iot, the AWS CLI v2 and boto3. CreateScheduledAudit sets
 * them, ListTagsForResource, TagResource and UntagResource read and change them, and the
 * service's refusals (unknown schedule, 50 tags, "aws:" keys) leave them as they were.
 */
import {
  CreateScheduledAuditCommand,
  DeleteScheduledAuditCommand,
  InvalidRequestException,
  LimitExceededException,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { awsEnvironment, BOTO3_PRELUDE, emptyHome, hasPythonModule, requireExecutable, runProcess, useAwsIotCli, useDemoEmulator } from './helpers';

const ACCOUNT = '123456789012';
const arnOf = (name: string, region = 'us-east-1') => `arn:aws:iot:${region}:${ACCOUNT}:scheduledaudit/${name}`;
const fiftyTags = (prefix: string) => Array.from({ length: 50 }, (_, index) => ({ Key: `${prefix}${index}` }));

describe('emulator: scheduled audit tags (SDK)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });
  const tagsOf = async (resourceArn: string) => (await demo.iot.send(new ListTagsForResourceCommand({ resourceArn }))).tags;
  const refusal = (command: TagResourceCommand | UntagResourceCommand | ListTagsForResourceCommand | CreateScheduledAuditCommand) =>
    demo.iot.send(command as TagResourceCommand).then(() => assert.fail('accepted'), (error: unknown) => error as Error);

  it('lists the tags a schedule was created with, merges new ones by key and removes keys', async () => {
    const created = await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Weekly', frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags: [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'dev' }] }));
    assert.equal(created.scheduledAuditArn, arnOf('Weekly'));
    assert.deepEqual(await tagsOf(arnOf('Weekly')), [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'dev' }]);
    await demo.iot.send(new TagResourceCommand({ resourceArn: arnOf('Weekly'), tags: [{ Key: 'env', Value: 'prod' }, { Key: 'reviewed' }] }));
    assert.deepEqual(await tagsOf(arnOf('Weekly')), [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'prod' }, { Key: 'reviewed' }]);
    await demo.iot.send(new UntagResourceCommand({ resourceArn: arnOf('Weekly'), tagKeys: ['team', 'not-there'] }));
    assert.deepEqual(await tagsOf(arnOf('Weekly')), [{ Key: 'env', Value: 'prod' }, { Key: 'reviewed' }]);
  });

  it('gives a schedule created without tags none, and a re-created schedule only its new ones', async () => {
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Daily', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    assert.deepEqual(await tagsOf(arnOf('Daily')), []);
    await demo.iot.send(new TagResourceCommand({ resourceArn: arnOf('Daily'), tags: [{ Key: 'old' }] }));
    await demo.iot.send(new DeleteScheduledAuditCommand({ scheduledAuditName: 'Daily' }));
    const gone = await refusal(new ListTagsForResourceCommand({ resourceArn: arnOf('Daily') }));
    assert.ok(gone instanceof ResourceNotFoundException, 'a deleted schedule has no tags to list');
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Daily', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags: [{ Key: 'new' }] }));
    assert.deepEqual(await tagsOf(arnOf('Daily')), [{ Key: 'new' }]);
  });

  it('refuses what the service refuses, changing nothing', async () => {
    await demo.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Tagged', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags: [{ Key: 'team', Value: 'sec' }] }));
    for (const command of [new ListTagsForResourceCommand({ resourceArn: arnOf('Nope') }), new TagResourceCommand({ resourceArn: arnOf('Nope'), tags: [{ Key: 'k' }] }), new UntagResourceCommand({ resourceArn: arnOf('Nope'), tagKeys: ['k'] })]) {
      const missing = await refusal(command);
      assert.ok(missing instanceof ResourceNotFoundException && missing.message === `The resource ${arnOf('Nope')} does not exist.`, String(missing));
    }
    assert.ok(await refusal(new ListTagsForResourceCommand({ resourceArn: arnOf('Tagged', 'eu-west-1') })) instanceof ResourceNotFoundException, 'another region holds no such schedule');
    const reserved = await refusal(new TagResourceCommand({ resourceArn: arnOf('Tagged'), tags: [{ Key: 'ok' }, { Key: 'aws:owner', Value: 'x' }] }));
    assert.ok(reserved instanceof InvalidRequestException && /"aws:" are reserved for AWS \(aws:owner\)/.test(reserved.message), String(reserved));
    const tooMany = await refusal(new TagResourceCommand({ resourceArn: arnOf('Tagged'), tags: fiftyTags('k') }));
    assert.ok(tooMany instanceof LimitExceededException && /at most 50 tags; this would give it 51/.test(tooMany.message), String(tooMany));
    assert.deepEqual(await tagsOf(arnOf('Tagged')), [{ Key: 'team', Value: 'sec' }]);
    // Fifty is the quota itself: allowed once the old key is among them.
    await demo.iot.send(new TagResourceCommand({ resourceArn: arnOf('Tagged'), tags: [...fiftyTags('k').slice(0, 49), { Key: 'team', Value: 'sec' }] }));
    assert.equal((await tagsOf(arnOf('Tagged')))?.length, 50);
  });

  it('refuses the same tags at creation, creating nothing', async () => {
    const create = (name: string, tags: { Key: string; Value?: string }[]) => new CreateScheduledAuditCommand({ scheduledAuditName: name, frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags });
    const reserved = await refusal(create('Reserved', [{ Key: 'aws:cloudformation:stack-name', Value: 's' }]));
    assert.ok(reserved instanceof InvalidRequestException && /reserved for AWS/.test(reserved.message), String(reserved));
    const tooMany = await refusal(create('TooMany', [...fiftyTags('k'), { Key: 'one-more' }]));
    assert.ok(tooMany instanceof LimitExceededException, String(tooMany));
    for (const name of ['Reserved', 'TooMany']) assert.ok(await refusal(new ListTagsForResourceCommand({ resourceArn: arnOf(name) })) instanceof ResourceNotFoundException, `${name} was not created`);
  });

  it('says which resource types AWS IoT tags but the emulator does not keep, and which AWS IoT does not tag at all', async () => {
    const securityProfile = await refusal(new ListTagsForResourceCommand({ resourceArn: `arn:aws:iot:us-east-1:${ACCOUNT}:securityprofile/Profile` }));
    assert.ok(securityProfile instanceof InvalidRequestException, String(securityProfile));
    assert.equal(securityProfile.message, 'AWS IoT tags securityprofile resources, but the emulator does not keep them; it keeps tags on mitigation actions, thing groups and scheduled audits.');
    const thing = await refusal(new TagResourceCommand({ resourceArn: `arn:aws:iot:us-east-1:${ACCOUNT}:thing/sensor-001`, tags: [{ Key: 'k' }] }));
    assert.ok(thing instanceof InvalidRequestException, String(thing));
    assert.equal(thing.message, 'AWS IoT does not tag thing resources. The emulator keeps tags on mitigation actions, thing groups and scheduled audits.');
  });
});

describe('emulator: scheduled audit tags (AWS CLI v2)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });
  const cli = useAwsIotCli(demo);
  const aws = cli.run;
  const json = cli.json;

  it('creates a tagged schedule, tags, untags and lists it, and shows the refusals', async () => {
    const created = await json('create-scheduled-audit', '--scheduled-audit-name', 'CliTagged', '--frequency', 'DAILY', '--target-check-names', 'LOGGING_DISABLED_CHECK', '--tags', 'Key=team,Value=sec');
    const arn = created.scheduledAuditArn as string;
    assert.equal(arn, arnOf('CliTagged'));
    await json('tag-resource', '--resource-arn', arn, '--tags', 'Key=env,Value=prod', 'Key=owner');
    await json('untag-resource', '--resource-arn', arn, '--tag-keys', 'team');
    assert.deepEqual((await json('list-tags-for-resource', '--resource-arn', arn)).tags, [{ Key: 'env', Value: 'prod' }, { Key: 'owner' }]);

    const missing = await aws('list-tags-for-resource', '--resource-arn', arnOf('Nope'));
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /\(ResourceNotFoundException\) when calling the ListTagsForResource operation(?: \(reached max retries: \d+\))?: The resource arn:aws:iot:us-east-1:123456789012:scheduledaudit\/Nope does not exist\./);
    const reserved = await aws('tag-resource', '--resource-arn', arn, '--tags', 'Key=aws:owner,Value=x');
    assert.match(reserved.stderr, /\(InvalidRequestException\) when calling the TagResource operation(?: \(reached max retries: \d+\))?: Tag keys starting with "aws:" are reserved/);
    const tooMany = await aws('tag-resource', '--resource-arn', arn, '--tags', ...fiftyTags('k').map((tag) => `Key=${tag.Key}`));
    assert.match(tooMany.stderr, /\(LimitExceededException\) when calling the TagResource operation(?: \(reached max retries: \d+\))?: A resource can have at most 50 tags; this would give it 52\./);
    assert.deepEqual((await json('list-tags-for-resource', '--resource-arn', arn)).tags, [{ Key: 'env', Value: 'prod' }, { Key: 'owner' }], 'the refusals changed nothing');
  });
});

const BOTO3_SCRIPT = BOTO3_PRELUDE + String.raw`

arn = iot.create_scheduled_audit(scheduledAuditName='BotoTagged', frequency='MONTHLY', dayOfMonth='LAST', targetCheckNames=['LOGGING_DISABLED_CHECK'], tags=[{'Key': 'team', 'Value': 'sec'}])['scheduledAuditArn']
out['arn'] = arn
out['created'] = iot.list_tags_for_resource(resourceArn=arn)['tags']
iot.tag_resource(resourceArn=arn, tags=[{'Key': 'team', 'Value': 'audit'}, {'Key': 'cost-centre', 'Value': '42'}])
iot.untag_resource(resourceArn=arn, tagKeys=['cost-centre'])
out['changed'] = [page['tags'] for page in iot.get_paginator('list_tags_for_resource').paginate(resourceArn=arn)]
out['missing'] = refusal(lambda: iot.untag_resource(resourceArn=arn.replace('BotoTagged', 'Nope'), tagKeys=['team']))
out['reserved'] = refusal(lambda: iot.tag_resource(resourceArn=arn, tags=[{'Key': 'aws:team', 'Value': 'x'}]))
out['tooMany'] = refusal(lambda: iot.tag_resource(resourceArn=arn, tags=[{'Key': 'k%d' % i} for i in range(50)]))
out['after'] = iot.list_tags_for_resource(resourceArn=arn)['tags']
print(json.dumps(out))
`;

describe('emulator: scheduled audit tags (boto3)', () => {
  const PYTHON = '/usr/bin/python3';
  before(() => {
    requireExecutable(PYTHON, 'install Python with `apt-get install -y python3`');
    if (!hasPythonModule(PYTHON, 'boto3')) throw new Error('boto3 is missing for /usr/bin/python3: install it with `apt-get install -y python3-boto3`');
  });
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });

  it('creates, tags, untags and pages through the tags of a schedule, and parses the refusals', async () => {
    const run = await runProcess(PYTHON, ['-c', BOTO3_SCRIPT, demo.emulator.url], awsEnvironment(emptyHome()));
    assert.equal(run.code, 0, `the boto3 script failed: ${run.stderr}`);
    const result = JSON.parse(run.stdout);
    assert.equal(result.arn, arnOf('BotoTagged'));
    assert.deepEqual(result.created, [{ Key: 'team', Value: 'sec' }]);
    assert.deepEqual(result.changed, [[{ Key: 'team', Value: 'audit' }]], 'one page, the value replaced and the removed key gone');
    assert.deepEqual(result.missing, ['ResourceNotFoundException', `The resource ${arnOf('Nope')} does not exist.`, 404]);
    assert.deepEqual([result.reserved[0], result.reserved[2]], ['InvalidRequestException', 400]);
    assert.match(result.reserved[1], /reserved for AWS \(aws:team\)/);
    assert.deepEqual(result.tooMany, ['LimitExceededException', 'A resource can have at most 50 tags; this would give it 51.', 410]);
    assert.deepEqual(result.after, [{ Key: 'team', Value: 'audit' }]);
  });
});
