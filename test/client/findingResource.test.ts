import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { findingResource, resourceColumns, shortId } from '../../client/shared/model/findingResource';

const certificateId = 'a3f29c81d07e4b6a9c5e2f18b7d4a0c3e6f91b2d58c7a4e0f3b6d9c2a1e8f7b5';

test('a device certificate shows its first ten hex digits and keeps the whole id', () => {
  const resource = findingResource({ resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: certificateId } });
  assert.deepEqual(resource, { type: 'DEVICE_CERTIFICATE', kind: 'Device certificate', short: 'a3f29c81d0…', full: certificateId, label: 'Device certificate a3f29c81d0…' });
});

test('each resource type reads by the identifier member that type fills', () => {
  const cases: [string, object, string, string][] = [
    ['CA_CERTIFICATE', { caCertificateId: certificateId }, 'CA certificate a3f29c81d0…', certificateId],
    ['IOT_POLICY', { policyVersionIdentifier: { policyName: 'FleetPolicy', policyVersionId: '3' } }, 'Policy FleetPolicy v3', 'FleetPolicy v3'],
    ['CLIENT_ID', { clientId: 'sensor-17' }, 'Client ID sensor-17', 'sensor-17'],
    ['ROLE_ALIAS', { roleAliasArn: 'arn:aws:iot:eu-west-1:123456789012:rolealias/Uploader' }, 'Role alias Uploader', 'arn:aws:iot:eu-west-1:123456789012:rolealias/Uploader'],
    ['IAM_ROLE', { iamRoleArn: 'arn:aws:iam::123456789012:role/Wide' }, 'IAM role Wide', 'arn:aws:iam::123456789012:role/Wide'],
    ['ACCOUNT_SETTINGS', { account: '123456789012' }, 'Account settings 123456789012', '123456789012'],
    ['COGNITO_IDENTITY_POOL', { cognitoIdentityPoolId: 'eu-west-1:pool' }, 'Cognito identity pool eu-west-1:pool', 'eu-west-1:pool'],
  ];
  for (const [resourceType, resourceIdentifier, label, full] of cases) {
    const resource = findingResource({ resourceType, resourceIdentifier });
    assert.equal(resource.label, label, resourceType);
    assert.equal(resource.full, full, resourceType);
  }
});

test('a finding without a resource, or with an identifier its type does not fill, still reads', () => {
  assert.equal(findingResource(undefined).label, 'UNKNOWN (no identifier)');
  assert.equal(findingResource({ resourceType: 'IOT_POLICY', resourceIdentifier: { clientId: 'c-1' } }).label, 'Policy c-1');
});

test('short ids stay whole when shortening would save nothing', () => {
  assert.equal(shortId('abcdefghijkl'), 'abcdefghijkl');
  assert.equal(shortId('abcdefghijklm'), 'abcdefghij…');
});

test('a table\'s resource columns are the formatter\'s kind, short and full id', () => {
  assert.deepEqual(resourceColumns({ resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: certificateId } }), { resourceKind: 'Device certificate', resourceShort: 'a3f29c81d0…', resourceFull: certificateId });
  assert.deepEqual(resourceColumns(undefined), { resourceKind: 'UNKNOWN', resourceShort: '(no identifier)', resourceFull: '(no identifier)' });
});
