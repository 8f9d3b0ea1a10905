/**
 * What counts as a real account, and the AWS SDK's own endpoint, region and account resolution
 * for a profile: real @aws-sdk clients, real shared config files, a real emulator over HTTP.
 */
import { IoTClient, ListMitigationActionsCommand } from '@aws-sdk/client-iot';
import { STSClient } from '@aws-sdk/client-sts';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveConfiguredEndpoints } from '../../rehearsal/profileEndpoints';
import { answersEmulatorHealth, profileRegion, readAccountId } from '../../client/connection/model/sdkResolution';
import { accountPhrase, classifyConnection, connectionLabel, isEmulatorHealth, isLoopbackUrl, needsConfirmation, statusBarText } from '../../client/connection/model/connectionClass';
import { startEmulator, type RunningEmulator } from '../../emulator/index';

describe('connection classification', () => {
  it('exempts only the bundled emulator the extension started', () => {
    assert.equal(classifyConnection({ bundled: true, endpoint: 'http://127.0.0.1:4566', answersEmulatorHealth: true }), 'bundled-emulator');
    assert.equal(needsConfirmation('bundled-emulator'), false);
    assert.equal(needsConfirmation('local-emulator'), true);
    assert.equal(needsConfirmation('aws'), true);
  });

  it('labels a loopback endpoint that answers the health route a local emulator, still confirmed', () => {
    assert.equal(classifyConnection({ bundled: false, endpoint: 'http://127.0.0.1:4566', answersEmulatorHealth: true }), 'local-emulator');
    assert.equal(classifyConnection({ bundled: false, endpoint: 'http://localhost:4566/', answersEmulatorHealth: true }), 'local-emulator');
    assert.equal(classifyConnection({ bundled: false, endpoint: 'http://[::1]:4566', answersEmulatorHealth: true }), 'local-emulator');
  });

  it('treats everything else as AWS: public endpoints, FIPS/VPC endpoints, loopback without the health answer', () => {
    assert.equal(classifyConnection({ bundled: false, answersEmulatorHealth: false }), 'aws');
    assert.equal(classifyConnection({ bundled: false, endpoint: 'https://iot-fips.eu-west-1.amazonaws.com', answersEmulatorHealth: false }), 'aws');
    assert.equal(classifyConnection({ bundled: false, endpoint: 'https://vpce-0abc.iot.eu-west-1.vpce.amazonaws.com', answersEmulatorHealth: true }), 'aws');
    assert.equal(classifyConnection({ bundled: false, endpoint: 'http://127.0.0.1:4566', answersEmulatorHealth: false }), 'aws');
    assert.equal(classifyConnection({ bundled: false, endpoint: 'http://127.0.0.1.nip.io:4566', answersEmulatorHealth: true }), 'aws');
  });

  it('knows loopback URLs and the emulator health body', () => {
    assert.deepEqual(['http://127.0.0.1:1', 'http://127.10.0.3', 'http://localhost', 'http://a.localhost:9', 'http://[::1]:2'].map(isLoopbackUrl), [true, true, true, true, true]);
    assert.deepEqual(['http://10.0.0.1', 'https://localhost.example.com', 'not a url', undefined, 'http://128.0.0.1'].map(isLoopbackUrl), [false, false, false, false, false]);
    assert.equal(isEmulatorHealth({ status: 'ok', service: 'iot-mitigations-emulator' }), true);
    assert.equal(isEmulatorHealth({ status: 'ok', service: 'localstack' }), false);
    assert.equal(isEmulatorHealth('ok'), false);
  });

  it('names account and region, or says the id is unknown', () => {
    assert.equal(accountPhrase({ accountId: '210987654321', region: 'eu-west-1' }), 'account 210987654321 (eu-west-1)');
    assert.equal(accountPhrase({ region: 'eu-west-1' }), 'an account whose id could not be read (eu-west-1)');
    assert.equal(connectionLabel({ kind: 'aws', accountId: '210987654321', region: 'eu-west-1' }), 'aws 210987654321 eu-west-1');
    assert.equal(connectionLabel({ kind: 'local-emulator', region: 'us-east-1' }), 'local emulator account unknown us-east-1');
    assert.equal(connectionLabel({ kind: 'bundled-emulator', region: 'us-east-1' }), 'emulator');
    assert.equal(statusBarText({ kind: 'aws', accountId: '210987654321', region: 'eu-west-1' }), '$(cloud) AWS 210987654321 · eu-west-1');
    assert.equal(statusBarText({ kind: 'aws', region: 'eu-west-1' }), '$(warning) AWS account unknown · eu-west-1');
    assert.equal(statusBarText({ kind: 'local-emulator', accountId: '123456789012', region: 'us-east-1' }), '$(vm) Local emulator 123456789012 · us-east-1');
    assert.equal(statusBarText({ kind: 'bundled-emulator', region: 'us-east-1' }), '$(beaker) Emulator');
  });
});

describe('the SDK resolves a profile\'s endpoint, region and account', () => {
  let real: RunningEmulator;
  let other: RunningEmulator;
  let dir: string;
  const saved = { ...process.env };

  let configs = 0;
  /** A fresh file each time: the SDK caches shared config files by path for the process. */
  function writeConfig(config: string): void {
    const path = join(dir, `config-${++configs}`);
    writeFileSync(path, config);
    process.env.AWS_CONFIG_FILE = path;
  }

  function clients(profile: string) {
    return { iot: new IoTClient({ profile, maxAttempts: 1 }), sts: new STSClient({ profile, maxAttempts: 1 }) };
  }

  before(async () => {
    real = await startEmulator({ port: 0, account: '210987654321', log: () => undefined });
    other = await startEmulator({ port: 0, account: '111122223333', log: () => undefined });
    dir = mkdtempSync(join(tmpdir(), 'mitigations-profiles-'));
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    writeFileSync(join(dir, 'credentials'), '[prod]\naws_access_key_id = AKIAPRODEXAMPLE00000\naws_secret_access_key = not/a/real/secret\n[svc]\naws_access_key_id = AKIASVCEXAMPLE000000\naws_secret_access_key = not/a/real/secret\n');
  });
  after(async () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await Promise.all([real.close(), other.close()]);
  });

  it('uses the profile\'s endpoint_url and region for IoT and STS (the SDK alone ignores it for the profile option)', async () => {
    writeConfig(`[profile prod]\nregion = eu-west-1\nendpoint_url = ${real.url}\n`);
    const unresolved = new IoTClient({ profile: 'prod' });
    assert.equal(await unresolved.config.serviceConfiguredEndpoint?.(), undefined, 'the SDK on its own: the cause of the bug');
    const { iot, sts } = clients('prod');
    assert.deepEqual(await resolveConfiguredEndpoints('prod', [iot, sts]), [real.url, real.url]);
    assert.equal(process.env.AWS_PROFILE, undefined, 'AWS_PROFILE is restored');
    assert.equal(await profileRegion('prod'), 'eu-west-1');
    assert.deepEqual(await readAccountId(sts), { accountId: '210987654321' });
    const listed = await iot.send(new ListMitigationActionsCommand({}));
    assert.ok(Array.isArray(listed.actionIdentifiers), 'IoT requests go to the profile endpoint');
    assert.equal(await answersEmulatorHealth(real.url), true);
  });

  it('prefers the profile\'s services section per service', async () => {
    writeConfig(`[profile svc]\nregion = eu-west-2\nservices = split\nendpoint_url = http://127.0.0.1:9\n[services split]\niot =\n  endpoint_url = ${real.url}\nsts =\n  endpoint_url = ${other.url}\n`);
    const { iot, sts } = clients('svc');
    assert.deepEqual(await resolveConfiguredEndpoints('svc', [iot, sts]), [real.url, other.url]);
    assert.deepEqual(await readAccountId(sts), { accountId: '111122223333' });
  });

  it('lets AWS_ENDPOINT_URL_IOT / _STS / AWS_ENDPOINT_URL win over the config file', async () => {
    writeConfig(`[profile prod]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:9\n`);
    process.env.AWS_ENDPOINT_URL_IOT = real.url;
    process.env.AWS_ENDPOINT_URL = other.url;
    try {
      const { iot, sts } = clients('prod');
      assert.deepEqual(await resolveConfiguredEndpoints('prod', [iot, sts]), [real.url, other.url]);
      process.env.AWS_ENDPOINT_URL_STS = real.url;
      const again = clients('prod');
      assert.deepEqual(await resolveConfiguredEndpoints('prod', [again.sts]), [real.url]);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_IOT;
      delete process.env.AWS_ENDPOINT_URL_STS;
      delete process.env.AWS_ENDPOINT_URL;
    }
  });

  it('honours ignore_configured_endpoint_urls: the public endpoint, hence AWS', async () => {
    writeConfig(`[profile prod]\nregion = eu-west-1\nendpoint_url = ${real.url}\nignore_configured_endpoint_urls = true\n`);
    const { iot, sts } = clients('prod');
    assert.deepEqual(await resolveConfiguredEndpoints('prod', [iot, sts]), [undefined, undefined]);
    assert.equal(classifyConnection({ bundled: false, endpoint: undefined, answersEmulatorHealth: false }), 'aws');
  });

  it('falls back to the public endpoint when the services section is missing, as the SDK does: AWS', async () => {
    writeConfig('[profile prod]\nregion = eu-west-1\nservices = nowhere\n');
    assert.deepEqual(await resolveConfiguredEndpoints('prod', [clients('prod').iot]), [undefined]);
  });

  it('says why the account id cannot be read, instead of failing the connection', async () => {
    writeConfig('[profile prod]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:9\n');
    const { sts } = clients('prod');
    await resolveConfiguredEndpoints('prod', [sts]);
    const identity = await readAccountId(sts);
    assert.equal(identity.accountId, undefined);
    assert.match(identity.reason ?? '', /ECONNREFUSED|connect/i);
    assert.equal(await answersEmulatorHealth('http://127.0.0.1:9'), false);
    assert.equal(await answersEmulatorHealth('https://iot.eu-west-1.amazonaws.com'), false, 'never probes a non-loopback endpoint');
  });
});
