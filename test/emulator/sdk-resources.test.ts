/**
 * Registry, certificate, policy and logging operations through @aws-sdk/client-iot, plus the
 * wire details every operation shares: regions from the credential scope, request ids, error
 * headers, unsupported operations and the declared errors injected through the admin API.
 */
import {
  AddThingToThingGroupCommand,
  CertificateStateException,
  CreateThingCommand,
  CreateThingGroupCommand,
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  DescribeMitigationActionCommand,
  DescribeThingGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetV2LoggingOptionsCommand,
  InternalFailureException,
  InvalidRequestException,
  IoTServiceException,
  ListCACertificatesCommand,
  ListCertificatesCommand,
  ListMitigationActionsCommand,
  ListPrincipalThingsCommand,
  ListThingGroupsForThingCommand,
  ListThingsCommand,
  ListThingsInThingGroupCommand,
  ListTagsForResourceCommand,
  NotConfiguredException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  SetV2LoggingOptionsCommand,
  ThrottlingException,
  UpdateCertificateCommand,
  CreateJobCommand,
  CreateMitigationActionCommand,
  paginateListThings,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { admin, useDemoEmulator, iotClient } from './helpers';

describe('emulator: resources and wire (SDK)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });

  it('creates and describes things, idempotently, and rejects a conflicting create', async () => {
    const created = await demo.iot.send(new CreateThingCommand({ thingName: 'pump-7', attributePayload: { attributes: { site: 'berlin' } } }));
    assert.equal(created.thingArn, 'arn:aws:iot:us-east-1:123456789012:thing/pump-7');
    const again = await demo.iot.send(new CreateThingCommand({ thingName: 'pump-7', attributePayload: { attributes: { site: 'berlin' } } }));
    assert.equal(again.thingId, created.thingId);
    await assert.rejects(demo.iot.send(new CreateThingCommand({ thingName: 'pump-7', attributePayload: { attributes: { site: 'paris' } } })), ResourceAlreadyExistsException);
    const thing = await demo.iot.send(new DescribeThingCommand({ thingName: 'pump-7' }));
    assert.deepEqual(thing.attributes, { site: 'berlin' });
    assert.equal(thing.version, 1);
    assert.equal(thing.defaultClientId, 'pump-7');
    await assert.rejects(demo.iot.send(new DescribeThingCommand({ thingName: 'nope' })), ResourceNotFoundException);
    await assert.rejects(demo.iot.send(new CreateThingCommand({ thingName: 'bad name' })), InvalidRequestException);
    const filtered = await demo.iot.send(new ListThingsCommand({ attributeName: 'site', attributeValue: 'ber', usePrefixAttributeValue: true }));
    assert.deepEqual(filtered.things?.map((item) => item.thingName), ['pump-7']);
  });

  it('manages groups with the one-group-per-hierarchy and dynamic-group rules', async () => {
    await demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Line1-Cell1', parentGroupName: 'Factory-Line1' }));
    await assert.rejects(demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Orphan', parentGroupName: 'NoSuchGroup' })), InvalidRequestException);
    await demo.iot.send(new AddThingToThingGroupCommand({ thingName: 'gateway-01', thingGroupName: 'Quarantine' }));
    const groups = await demo.iot.send(new ListThingGroupsForThingCommand({ thingName: 'gateway-01' }));
    assert.deepEqual(groups.thingGroups?.map((group) => group.groupName), ['Factory', 'Quarantine']);
    // gateway-01 is in Factory already: Line1-Cell1 is in the same hierarchy.
    await assert.rejects(demo.iot.send(new AddThingToThingGroupCommand({ thingName: 'gateway-01', thingGroupName: 'Line1-Cell1' })), /same hierarchy/);
    await assert.rejects(demo.iot.send(new AddThingToThingGroupCommand({ thingName: 'gateway-01', thingGroupName: 'LowBattery' })), /dynamic/);
    await assert.rejects(demo.iot.send(new AddThingToThingGroupCommand({ thingName: 'ghost', thingGroupName: 'Quarantine' })), ResourceNotFoundException);
    await demo.iot.send(new AddThingToThingGroupCommand({ thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/camera-01', thingGroupArn: 'arn:aws:iot:us-east-1:123456789012:thinggroup/Quarantine' }));
    const members = await demo.iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'Quarantine' }));
    assert.deepEqual(members.things, ['camera-01', 'gateway-01']);
    const recursive = await demo.iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'Factory', recursive: true, maxResults: 250 }));
    assert.ok(recursive.things!.includes('sensor-001') && recursive.things!.includes('gateway-01'));
    await assert.rejects(demo.iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'Nope' })), ResourceNotFoundException);
  });

  it('describes a thing group with its ancestry and lists the things a certificate is attached to', async () => {
    await demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Line1-Cell1', parentGroupName: 'Factory-Line1' }));
    const cell = await demo.iot.send(new DescribeThingGroupCommand({ thingGroupName: 'Line1-Cell1' }));
    assert.equal(cell.thingGroupArn, 'arn:aws:iot:us-east-1:123456789012:thinggroup/Line1-Cell1');
    assert.equal(cell.thingGroupMetadata?.parentGroupName, 'Factory-Line1');
    assert.deepEqual(cell.thingGroupMetadata?.rootToParentThingGroups?.map((group) => group.groupName), ['Factory', 'Factory-Line1']);
    const dynamic = await demo.iot.send(new DescribeThingGroupCommand({ thingGroupName: 'LowBattery' }));
    assert.ok(dynamic.queryString, 'a dynamic group names its query');
    await assert.rejects(demo.iot.send(new DescribeThingGroupCommand({ thingGroupName: 'Nope' })), ResourceNotFoundException);

    const principal = `arn:aws:iot:us-east-1:123456789012:cert/${DEMO.certificates.shared}`;
    const first = await demo.iot.send(new ListPrincipalThingsCommand({ principal, maxResults: 2 }));
    assert.deepEqual(first.things, ['camera-01', 'camera-02']);
    const rest = await demo.iot.send(new ListPrincipalThingsCommand({ principal, maxResults: 2, nextToken: first.nextToken }));
    assert.deepEqual(rest.things, ['camera-03']);
    assert.equal(rest.nextToken, undefined);
    await assert.rejects(demo.iot.send(new ListPrincipalThingsCommand({ principal: `arn:aws:iot:us-east-1:123456789012:cert/${'f'.repeat(64)}` })), ResourceNotFoundException);
    // The principal travels in the x-amzn-principal header; the model requires it.
    const response = await fetch(`${demo.emulator.url}/principals/things`);
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'InvalidRequestException');
    assert.match(((await response.json()) as { message: string }).message, /x-amzn-principal/);
  });

  it('evaluates dynamic group membership from thing attributes for simple queries', async () => {
    const lowBattery = async () => (await demo.iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'LowBattery', maxResults: 250 }))).things!.sort();
    // Demo: LowBattery is "attributes.battery < 20"; sensor-001 reports 15, the meters 12 and 8.
    assert.deepEqual(await lowBattery(), ['meter-01', 'meter-02', 'sensor-001']);
    await demo.iot.send(new CreateThingCommand({ thingName: 'probe-low', attributePayload: { attributes: { battery: '3' } } }));
    await demo.iot.send(new CreateThingCommand({ thingName: 'probe-full', attributePayload: { attributes: { battery: '95' } } }));
    await demo.iot.send(new CreateThingCommand({ thingName: 'probe-text', attributePayload: { attributes: { battery: 'low' } } }));
    assert.deepEqual(await lowBattery(), ['meter-01', 'meter-02', 'probe-low', 'sensor-001']);
    const groups = await demo.iot.send(new ListThingGroupsForThingCommand({ thingName: 'probe-low' }));
    assert.deepEqual(groups.thingGroups?.map((group) => group.groupName), ['LowBattery']);

    // Seeded dynamic groups: KEY:VALUE terms joined by AND are evaluated, other queries keep their seeded members.
    await admin(demo.emulator, 'POST', 'seed', {
      things: [
        { thingName: 'lab-a', attributes: { site: 'lab', floor: '2' } },
        { thingName: 'lab-b', attributes: { site: 'lab', floor: '1' } },
        { thingName: 'office-a', attributes: { site: 'office', floor: '2' } },
      ],
    });
    await admin(demo.emulator, 'POST', 'seed', {
      thingGroups: [
        { groupName: 'UpstairsLab', dynamic: true, queryString: 'attributes.site:lab AND attributes.floor>=2' },
        { groupName: 'Labs', dynamic: true, queryString: 'attributes.site:"lab"' },
        { groupName: 'Custom', dynamic: true, queryString: 'attributes.site:lab OR attributes.site:office' },
      ],
      things: [{ thingName: 'lab-c', attributes: { site: 'lab', floor: '3' }, groupNames: ['Custom'] }],
    });
    const members = async (thingGroupName: string) => (await demo.iot.send(new ListThingsInThingGroupCommand({ thingGroupName }))).things!.sort();
    assert.deepEqual(await members('UpstairsLab'), ['lab-a', 'lab-c']);
    assert.deepEqual(await members('Labs'), ['lab-a', 'lab-b', 'lab-c']);
    assert.deepEqual(await members('Custom'), ['lab-c'], 'a query the emulator does not evaluate keeps the seeded membership');
  });

  it('describes, lists and updates certificates under the state rules', async () => {
    const certificate = await demo.iot.send(new DescribeCertificateCommand({ certificateId: DEMO.certificates.expired }));
    assert.equal(certificate.certificateDescription?.status, 'ACTIVE');
    assert.ok(certificate.certificateDescription!.validity!.notAfter! < new Date());
    assert.match(certificate.certificateDescription?.certificatePem ?? '', /BEGIN CERTIFICATE/);
    await demo.iot.send(new UpdateCertificateCommand({ certificateId: DEMO.certificates.expired, newStatus: 'INACTIVE' }));
    assert.equal((await demo.iot.send(new DescribeCertificateCommand({ certificateId: DEMO.certificates.expired }))).certificateDescription?.status, 'INACTIVE');
    await assert.rejects(demo.iot.send(new UpdateCertificateCommand({ certificateId: DEMO.certificates.revoked, newStatus: 'ACTIVE' })), CertificateStateException);
    await assert.rejects(demo.iot.send(new DescribeCertificateCommand({ certificateId: 'abc' })), /length/);
    await assert.rejects(demo.iot.send(new DescribeCertificateCommand({ certificateId: 'f'.repeat(64) })), ResourceNotFoundException);
    const ids: string[] = [];
    let marker: string | undefined;
    do {
      const page = await demo.iot.send(new ListCertificatesCommand({ pageSize: 4, marker, ascendingOrder: true }));
      ids.push(...page.certificates!.map((item) => item.certificateId!));
      marker = page.nextMarker;
    } while (marker);
    assert.equal(ids.length, new Set(ids).size);
    assert.ok(ids.includes(DEMO.certificates.shared));
    const ca = await demo.iot.send(new DescribeCACertificateCommand({ certificateId: DEMO.caCertificates.expiring }));
    assert.equal(ca.certificateDescription?.status, 'ACTIVE');
    assert.equal((await demo.iot.send(new ListCACertificatesCommand({}))).certificates?.length, 4);
  });

  it('reads policies and logging options', async () => {
    const policy = await demo.iot.send(new GetPolicyCommand({ policyName: 'AllowEverythingPolicy' }));
    assert.equal(policy.defaultVersionId, '1');
    assert.equal(JSON.parse(policy.policyDocument!).Statement[0].Action, 'iot:*');
    const version = await demo.iot.send(new GetPolicyVersionCommand({ policyName: 'AllowEverythingPolicy', policyVersionId: '1' }));
    assert.equal(version.isDefaultVersion, true);
    await assert.rejects(demo.iot.send(new GetPolicyVersionCommand({ policyName: 'AllowEverythingPolicy', policyVersionId: '9' })), ResourceNotFoundException);
    assert.equal((await demo.iot.send(new GetV2LoggingOptionsCommand({}))).disableAllLogs, true);
    await demo.iot.send(new SetV2LoggingOptionsCommand({ roleArn: 'arn:aws:iam::123456789012:role/IoTLoggingRole', defaultLogLevel: 'INFO', disableAllLogs: false }));
    assert.equal((await demo.iot.send(new GetV2LoggingOptionsCommand({}))).defaultLogLevel, 'INFO');
    await assert.rejects(demo.iot.send(new SetV2LoggingOptionsCommand({ defaultLogLevel: 'LOUD' as never })), InvalidRequestException);
    await admin(demo.emulator, 'POST', 'reset', { seed: 'empty' });
    await assert.rejects(demo.iot.send(new GetV2LoggingOptionsCommand({})), NotConfiguredException);
  });

  it('pages through more than 1,000 things with the SDK paginator', async () => {
    await admin(demo.emulator, 'POST', 'seed', { generate: { things: 1_500, prefix: 'bulk' } });
    let count = 0;
    let pages = 0;
    for await (const page of paginateListThings({ client: demo.iot, pageSize: 100 }, {})) {
      pages++;
      count += page.things?.length ?? 0;
    }
    assert.equal(count, 1_500 + 19, "the generated things plus the 19 demo things");
    assert.equal(pages, 16);
  });

  it('keeps each region separate and reads the region from the credential scope', async () => {
    const west = iotClient(demo.emulator, 'eu-west-1');
    try {
      await west.send(new CreateThingCommand({ thingName: 'only-in-eu' }));
      const thing = await west.send(new DescribeThingCommand({ thingName: 'only-in-eu' }));
      assert.equal(thing.thingArn, 'arn:aws:iot:eu-west-1:123456789012:thing/only-in-eu');
      await assert.rejects(demo.iot.send(new DescribeThingCommand({ thingName: 'only-in-eu' })), ResourceNotFoundException);
    } finally {
      west.destroy();
    }
    const otherAccount = iotClient(demo.emulator, 'us-east-1', '210987654321');
    try {
      const listed = await otherAccount.send(new ListMitigationActionsCommand({}));
      assert.deepEqual(listed.actionIdentifiers, []);
      const thing = await otherAccount.send(new DescribeThingCommand({ thingName: 'gateway-01' }));
      assert.equal(thing.thingArn, 'arn:aws:iot:us-east-1:210987654321:thing/gateway-01');
    } finally {
      otherAccount.destroy();
    }
  });

  it('names operations it does not implement', async () => {
    const error = await demo.iot.send(new CreateJobCommand({ jobId: 'j', targets: ['arn:aws:iot:us-east-1:123456789012:thing/x'] })).catch((e: unknown) => e);
    assert.ok(error instanceof IoTServiceException);
    assert.equal(error.name, 'NotImplementedException');
    assert.match(error.message, /does not support the AWS IoT operation CreateJob/);
  });

  it('returns declared errors injected through the admin API with their status codes', async () => {
    await admin(demo.emulator, 'POST', 'settings', { injectErrors: { ListMitigationActions: { errorType: 'ThrottlingException', count: 1 }, DescribeThing: { errorType: 'InternalFailureException' } } });
    const throttled = await demo.iot.send(new ListMitigationActionsCommand({})).catch((e: unknown) => e);
    assert.ok(throttled instanceof ThrottlingException);
    assert.equal(throttled.$metadata.httpStatusCode, 400);
    const failed = await demo.iot.send(new DescribeThingCommand({ thingName: 'gateway-01' })).catch((e: unknown) => e);
    assert.ok(failed instanceof InternalFailureException);
    assert.equal(failed.$metadata.httpStatusCode, 500);
    await demo.iot.send(new ListMitigationActionsCommand({}));
  });

  it('refuses denied operations with AccessDeniedException (403), as IAM refuses a role without the permission, until allowed again', async () => {
    const { actionArn: arn } = await demo.iot.send(new CreateMitigationActionCommand({ actionName: 'DeniedTags', roleArn: `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`, actionParams: { updateCACertificateParams: { action: 'DEACTIVATE' } } }));
    assert.ok(arn);
    const settings = await admin<{ denyOperations: string[] }>(demo.emulator, 'POST', 'settings', { denyOperations: ['iot:ListTagsForResource', 'TagResource'] });
    try {
      assert.deepEqual(settings.denyOperations, ['ListTagsForResource', 'TagResource']);
      const denied = await demo.iot.send(new ListTagsForResourceCommand({ resourceArn: arn })).catch((error: unknown) => error);
      assert.ok(denied instanceof IoTServiceException, String(denied));
      assert.equal(denied.name, 'AccessDeniedException');
      assert.equal(denied.$metadata.httpStatusCode, 403);
      assert.equal(denied.message, `User: arn:aws:iam::123456789012:root is not authorized to perform: iot:ListTagsForResource on resource: ${arn} because no identity-based policy allows the iot:ListTagsForResource action (emulator settings: denyOperations)`);
      // Only the denied operations: the action itself still reads.
      assert.equal((await demo.iot.send(new DescribeMitigationActionCommand({ actionName: 'DeniedTags' }))).actionArn, arn);
      await assert.rejects(admin(demo.emulator, 'POST', 'settings', { denyOperations: ['ListTagz'] }), /400.*denyOperations\[0\]: \\"ListTagz\\" is not an AWS IoT operation/);
      await assert.rejects(admin(demo.emulator, 'POST', 'settings', { denyOperations: 'ListTagsForResource' }), /400.*denyOperations must be a list/);
      assert.deepEqual((await admin<{ denyOperations: string[] }>(demo.emulator, 'GET', 'settings')).denyOperations, ['ListTagsForResource', 'TagResource'], 'a refused settings request changes nothing');
    } finally {
      await admin(demo.emulator, 'POST', 'settings', { denyOperations: [] });
    }
    assert.deepEqual((await demo.iot.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? [], []);
  });

  it('seeds resources from a JSON document, dumps the state and rejects bad documents', async () => {
    const seeded = await admin<{ certificateIds: string[]; added: Record<string, number> }>(demo.emulator, 'POST', 'seed', {
      certificates: [{ expiresInDays: 3 }],
      thingGroups: [{ groupName: 'Lab' }],
      roles: [{ roleName: 'LabRole', permissions: ['sns:Publish'] }],
    });
    assert.equal(seeded.certificateIds.length, 1);
    assert.deepEqual(seeded.added, { roles: 1, certificates: 1, thingGroups: 1 });
    await admin(demo.emulator, 'POST', 'seed', { things: [{ thingName: 'probe-1', groupNames: ['Lab'], certificateIds: seeded.certificateIds }] });
    assert.deepEqual((await demo.iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'Lab' }))).things, ['probe-1']);
    const dump = await admin<{ tables: Record<string, [string, unknown][]> }>(demo.emulator, 'GET', 'state');
    assert.ok(dump.tables.things.some(([name]) => name === 'probe-1'));
    assert.ok(dump.tables.roles.some(([arn]) => arn === 'arn:aws:iam::123456789012:role/LabRole'));
    await assert.rejects(admin(demo.emulator, 'POST', 'seed', { things: [{ thingName: 'bad name' }] }), /400.*letters, digits/);
    await assert.rejects(admin(demo.emulator, 'POST', 'seed', { gadgets: [] }), /Unknown seed section/);
    await assert.rejects(admin(demo.emulator, 'POST', 'settings', { paceMs: -1 }), /paceMs/);
  });

  it('speaks the restJson1 wire format exactly', async () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-southeast-2/execute-api/aws4_request, SignedHeaders=host, Signature=00';
    const response = await fetch(`${demo.emulator.url}/mitigationactions/actions/Missing`, { headers: { authorization } });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
    assert.match(response.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.match(((await response.json()) as { message: string }).message, /Missing/);
    const wrongService = await fetch(`${demo.emulator.url}/things`, { headers: { authorization: authorization.replace('execute-api', 's3') } });
    assert.equal(wrongService.status, 403);
    const emptyLabel = await fetch(`${demo.emulator.url}/mitigationactions/actions/`);
    assert.equal(emptyLabel.status, 400);
    assert.equal(emptyLabel.headers.get('x-amzn-errortype'), 'InvalidRequestException');
    const encoded = await fetch(`${demo.emulator.url}/things/${encodeURIComponent('a/b')}`);
    assert.equal(encoded.status, 400, 'an encoded slash stays inside the label and fails its pattern');
    const list = await fetch(`${demo.emulator.url}/audit/tasks?startTime=2026-01-01T00:00:00.000000Z&endTime=2999-01-01T00:00:00Z`);
    assert.equal(list.status, 400, 'a start time beyond the 90-day window');
    const body = (await (await fetch(`${demo.emulator.url}/mitigationactions/actions?maxResults=1`)).json()) as Record<string, unknown>;
    assert.deepEqual(body, { actionIdentifiers: [] }, 'no nextToken when there is nothing more');
  });
});
