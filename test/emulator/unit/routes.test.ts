import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AWS_IOT_OPERATIONS } from '../../../emulator/http/awsIotOperations';
import { changesState, knownOperation, matchRawPath, matchRoute, methodsForPath, ROUTES } from '../../../emulator/http/routes';

const segmentsOf = (uri: string) => uri.split('/').slice(1).map((segment) => (segment.startsWith('{') ? 'x' : segment));

describe('emulator routes: derived from the operation table', () => {
  it('every route names an operation of the table and takes its method and URI from it', () => {
    const table = new Map(AWS_IOT_OPERATIONS.map(([method, uri, name]) => [name, `${method} ${uri}`]));
    assert.equal(ROUTES.length, 53);
    for (const route of ROUTES) assert.equal(`${route.method} ${route.uri}`, table.get(route.operation), route.operation);
    assert.equal(new Set(ROUTES.map((route) => route.operation)).size, ROUTES.length, 'no operation is routed twice');
  });

  it("a request on a route's binding reaches that route, with its labels", () => {
    for (const route of ROUTES) assert.equal(matchRoute(route.method, segmentsOf(route.uri))?.route.operation, route.operation);
    assert.deepEqual(matchRoute('GET', ['policies', 'p', 'version', '7'])?.labels, { policyName: 'p', policyVersionId: '7' });
  });

  it('a literal segment wins over a label (AddThingToThingGroup, not DescribeThingGroup)', () => {
    assert.equal(matchRoute('PUT', ['thing-groups', 'addThingToThingGroup'])?.route.operation, 'AddThingToThingGroup');
    assert.equal(matchRoute('GET', ['thing-groups', 'addThingToThingGroup'])?.route.operation, 'DescribeThingGroup');
  });

  it('a raw path without escapes is matched in place exactly as its split segments are', () => {
    const paths = [
      ...ROUTES.map((route) => route.uri.replace(/\{[^}]+\}/g, 'x')),
      ...ROUTES.map((route) => route.uri.replace(/\{[^}]+\}/g, '')),
      ...ROUTES.map((route) => `${route.uri.replace(/\{[^}]+\}/g, 'x')}/`),
      ...ROUTES.map((route) => route.uri.replace(/\{[^}]+\}/g, 'x').replace(/\/[^/]*$/, '')),
      '/',
      '//things',
      '/thingsX/x',
      '/things/a/b',
      '/thing-groups/addThingToThingGroup',
      '/policies/p/version/7',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const bySegments = matchRoute(method, path.split('/').slice(1));
        const raw = matchRawPath(method, path);
        assert.equal(raw?.route.operation, bySegments?.route.operation, `${method} ${path}`);
        assert.deepEqual(raw?.labels, bySegments?.labels, `${method} ${path}`);
      }
    }
    assert.deepEqual(matchRawPath('GET', '/policies/p/version/7')?.labels, { policyName: 'p', policyVersionId: '7' });
    assert.equal(matchRawPath('GET', '/things/')?.labels.thingName, '', 'an empty label matches, for validation to refuse');
  });

  it('an unimplemented operation is named from the table; a path answers the methods it is routed for', () => {
    assert.equal(matchRoute('POST', ['jobs', 'j1', 'targets']), undefined);
    assert.equal(knownOperation('POST', ['jobs', 'j1', 'targets']), 'AssociateTargetsWithJob');
    assert.equal(knownOperation('GET', ['confirmdestination', 'a', 'b']), 'ConfirmTopicRuleDestination', 'a greedy label takes the rest of the path');
    assert.equal(knownOperation('GET', ['no-such-thing']), undefined);
    assert.deepEqual(methodsForPath(['mitigationactions', 'actions', 'a']).sort(), ['DELETE', 'GET', 'PATCH', 'POST']);
  });

  it('reads are Describe*, List* and Get* (ListAuditFindings and ListAuditSuppressions are POSTs that read)', () => {
    const reads = ROUTES.filter((route) => !changesState(route.operation)).map((route) => route.operation);
    assert.ok(reads.includes('ListAuditFindings'));
    assert.ok(reads.includes('ListAuditSuppressions') && reads.includes('DescribeAuditSuppression'));
    assert.deepEqual(ROUTES.filter((route) => changesState(route.operation)).map((route) => route.operation).sort(), [
      'AddThingToThingGroup', 'CancelAuditMitigationActionsTask', 'CancelAuditTask', 'CreateAuditSuppression', 'CreateMitigationAction', 'CreateScheduledAudit',
      'CreateThing', 'CreateThingGroup', 'DeleteAccountAuditConfiguration', 'DeleteAuditSuppression', 'DeleteMitigationAction', 'DeleteScheduledAudit',
      'SetV2LoggingOptions', 'StartAuditMitigationActionsTask', 'StartOnDemandAuditTask', 'TagResource', 'UntagResource', 'UpdateAccountAuditConfiguration',
      'UpdateAuditSuppression', 'UpdateCertificate', 'UpdateMitigationAction', 'UpdateScheduledAudit',
    ]);
  });
});
