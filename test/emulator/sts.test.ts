/**
 * STS GetCallerIdentity on the emulator through the real clients: @aws-sdk/client-sts (awsQuery)
 * and the Debian AWS CLI v2 with --endpoint-url; the account follows the caller's credentials;
 * every failure is an awsQuery XML error.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { RunningEmulator } from '../../emulator/index';
import { awsEnvironment, emptyHome, requireExecutable, runProcess, type ProcessResult, useDemoEmulator } from './helpers';

const AWS = '/usr/bin/aws';
const ACCOUNT = '210987654321';

function stsClient(emulator: RunningEmulator, accessKeyId = 'AKIDEMULATORTEST', region = 'eu-west-1'): STSClient {
  return new STSClient({ endpoint: emulator.url, region, credentials: { accessKeyId, secretAccessKey: 'not-checked' }, maxAttempts: 1 });
}

function aws(emulator: RunningEmulator, home: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return runProcess(AWS, ['--endpoint-url', emulator.url, '--output', 'json', 'sts', ...args], { ...awsEnvironment(home, 'eu-west-1'), ...env });
}

async function post(emulator: RunningEmulator, body: string, authorization?: string): Promise<{ status: number; type: string | null; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(`${emulator.url}/`, { method: 'POST', headers, body });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('emulator: STS GetCallerIdentity', () => {
  let home: string;
  before(() => {
    requireExecutable(AWS, 'install the AWS CLI with `apt-get install -y awscli`');
    home = emptyHome();
  });
  const demo = useDemoEmulator({ emulator: { account: ACCOUNT }, reset: false });

  it('answers the real STS client with the emulator account for ordinary keys', async () => {
    const identity = await stsClient(demo.emulator).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, ACCOUNT);
    assert.equal(identity.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(identity.UserId, ACCOUNT);
    assert.match(identity.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers with the account a 12-digit access key id selects', async () => {
    const identity = await stsClient(demo.emulator, '123456789012').send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, '123456789012');
  });

  it('answers the AWS CLI with --endpoint-url', async () => {
    const result = await aws(demo.emulator, home, ['get-caller-identity']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
    const other = await aws(demo.emulator, home, ['get-caller-identity'], { AWS_ACCESS_KEY_ID: '111122223333' });
    assert.equal(JSON.parse(other.stdout).Account, '111122223333');
  });

  it('refuses other STS actions with a clear awsQuery error, for the SDK and the CLI', async () => {
    await assert.rejects(stsClient(demo.emulator).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/R`, RoleSessionName: 'rehearsal' })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, 'InvalidAction');
      assert.equal(error.message, 'The IoT Mitigations emulator implements only the STS action GetCallerIdentity, not AssumeRole.');
      assert.equal(error.$metadata?.httpStatusCode, 400);
      return true;
    });
    const cli = await aws(demo.emulator, home, ['assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/R`, '--role-session-name', 'rehearsal']);
    assert.notEqual(cli.code, 0);
    assert.match(cli.stderr, /\(InvalidAction\).*implements only the STS action GetCallerIdentity, not AssumeRole/);
  });

  it('answers malformed requests with XML errors', async () => {
    const missing = await post(demo.emulator, 'Version=2011-06-15');
    assert.equal(missing.status, 400);
    assert.equal(missing.type, 'text/xml');
    assert.match(missing.text, /<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>MissingAction<\/Code>/);
    const version = await post(demo.emulator, 'Action=GetCallerIdentity&Version=2099-01-01');
    assert.match(version.text, /<Code>InvalidAction<\/Code>\s*<Message>Could not find operation GetCallerIdentity for version 2099-01-01/);
    const iotScope = await post(demo.emulator, 'Action=GetCallerIdentity&Version=2011-06-15', 'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/iot/aws4_request, SignedHeaders=host, Signature=00');
    assert.equal(iotScope.status, 403);
    assert.match(iotScope.text, /<Code>InvalidSignature<\/Code>\s*<Message>Credential should be scoped to correct service: &apos;sts&apos; \(got &apos;iot&apos;\)\.<\/Message>/);
    assert.match(iotScope.text, /<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  it('leaves the IoT API untouched: a JSON POST to / is still no IoT operation', async () => {
    const response = await fetch(`${demo.emulator.url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UnknownOperationException');
  });
});
