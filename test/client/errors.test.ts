import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { explainError } from '../../client/shared/model/errors';

const aws = { connection: 'aws' as const, profile: 'prod', region: 'eu-west-1' };

test('a refused connection to the emulator says the emulator is not running', () => {
  const error = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
  const explained = explainError(error, { connection: 'emulator' });
  assert.equal(explained.kind, 'emulator-stopped');
  assert.deepEqual(explained.remedies, ['startEmulator', 'selectConnection']);
});

test('a stopped emulator is reported even before any request', () => {
  assert.equal(explainError(new Error('x'), { connection: 'emulator', emulatorStopped: true }).kind, 'emulator-stopped');
});

test('expired SSO sessions name the login command with the profile', () => {
  const explained = explainError(Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login'), { name: 'CredentialsProviderError' }), aws);
  assert.equal(explained.kind, 'sso-expired');
  assert.match(explained.message, /aws sso login --profile prod/);
});

test('unknown host points at the region', () => {
  const explained = explainError(Object.assign(new Error('getaddrinfo ENOTFOUND iot.eu-wst-1.amazonaws.com'), { code: 'ENOTFOUND' }), { ...aws, region: 'eu-wst-1' });
  assert.equal(explained.kind, 'region');
  assert.match(explained.message, /eu-wst-1/);
});

test('refused keys are a credentials problem', () => {
  const explained = explainError(Object.assign(new Error('The security token included in the request is invalid.'), { name: 'InvalidClientTokenId' }), aws);
  assert.equal(explained.kind, 'credentials');
  assert.match(explained.message, /^No valid AWS credentials for profile "prod"/);
});

test('throttling, access denied, invalid requests and the rest', () => {
  assert.equal(explainError(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }), aws).kind, 'throttled');
  assert.equal(explainError(Object.assign(new Error('no'), { name: 'AccessDeniedException' }), aws).kind, 'access-denied');
  const invalid = explainError(Object.assign(new Error('Task is not in progress'), { name: 'InvalidRequestException' }), aws);
  assert.equal(invalid.message, 'InvalidRequest: Task is not in progress');
  assert.equal(explainError('boom', aws).message, 'boom');
  assert.equal(explainError(Object.assign(new Error(''), { name: 'Weird' }), aws).message, 'Weird');
});
