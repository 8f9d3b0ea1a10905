/**
 * Optional TPS throttling ("AWS IoT Device Defender endpoints and quotas"): a token bucket per operation, account and region,
 * ThrottlingException with HTTP 400 through the real SDK, off by default, switched by the
 * library option and the admin settings endpoint. The bucket arithmetic is checked on a fake
 * clock; over HTTP the assertions allow for the tokens that refill while a burst is in flight.
 */
import {
  DescribeAccountAuditConfigurationCommand,
  DescribeMitigationActionCommand,
  IoTClient,
  ListThingsCommand,
  ThrottlingException,
} from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { Throttle } from '../../emulator/http/throttle';
import { admin, iotClient, startTestEmulator, useDemoEmulator } from './helpers';

const CONFIG_TPS = 5; // DescribeAccountAuditConfiguration, "AWS IoT Device Defender endpoints and quotas"

/** Sends `count` requests at once; counts successes and ThrottlingExceptions (anything else fails the test). */
async function burst(iot: IoTClient, count: number, command: () => DescribeAccountAuditConfigurationCommand = () => new DescribeAccountAuditConfigurationCommand({})) {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, () => iot.send(command()).then(() => 'ok' as const, (error: unknown) => error)));
  const elapsedMs = performance.now() - started;
  const throttled = results.filter((result) => result instanceof ThrottlingException);
  for (const result of results) if (result !== 'ok' && !(result instanceof ThrottlingException)) throw result;
  for (const error of throttled) {
    assert.equal((error as ThrottlingException).$metadata.httpStatusCode, 400);
    assert.match((error as ThrottlingException).message, /DescribeAccountAuditConfiguration allows 5 requests per second/);
  }
  return { ok: count - throttled.length, throttled: throttled.length, elapsedMs };
}

/** Tokens that can refill while a burst is in flight, so a slow machine does not fail the test. */
const refilled = (elapsedMs: number, tps: number) => Math.ceil((elapsedMs / 1000) * tps);

describe('emulator: throttling (token bucket)', () => {
  it('allows a burst of the limit, then refills at the limit per second', () => {
    let now = 0;
    const throttle = new Throttle(true, () => now);
    for (let index = 0; index < 5; index++) throttle.take('UpdateAccountAuditConfiguration', '123456789012', 'us-east-1');
    assert.throws(() => throttle.take('UpdateAccountAuditConfiguration', '123456789012', 'us-east-1'), (error: { status: number; errorType: string }) => error.status === 400 && error.errorType === 'ThrottlingException');
    now += 199; // 0.995 of a token
    assert.throws(() => throttle.take('UpdateAccountAuditConfiguration', '123456789012', 'us-east-1'));
    now += 1;
    throttle.take('UpdateAccountAuditConfiguration', '123456789012', 'us-east-1');
    now += 10_000; // never more than the limit, however long it was idle
    for (let index = 0; index < 5; index++) throttle.take('UpdateAccountAuditConfiguration', '123456789012', 'us-east-1');
    assert.throws(() => throttle.take('UpdateAccountAuditConfiguration', '123456789012', 'us-east-1'));
  });

  it('keeps one bucket per operation, account and region, and leaves unlisted operations alone', () => {
    const throttle = new Throttle(true, () => 0);
    for (let index = 0; index < 25; index++) throttle.take('DescribeAuditFinding', '123456789012', 'us-east-1');
    assert.throws(() => throttle.take('DescribeAuditFinding', '123456789012', 'us-east-1'));
    throttle.take('DescribeAuditFinding', '123456789012', 'eu-west-1');
    throttle.take('DescribeAuditFinding', '111122223333', 'us-east-1');
    throttle.take('DescribeAuditTask', '123456789012', 'us-east-1');
    for (let index = 0; index < 100; index++) throttle.take('ListThings', '123456789012', 'us-east-1');
    assert.equal(Throttle.limitOf('ListThings'), undefined);
    assert.equal(Throttle.limitOf('toString'), undefined);
    throttle.enabled = false;
    for (let index = 0; index < 100; index++) throttle.take('DescribeAuditFinding', '123456789012', 'us-east-1');
  });

  describe('over HTTP with the SDK', () => {
    // The handle's client has maxAttempts: 1, so each throttled request is seen once.
    const demo = useDemoEmulator({ emulator: { throttle: true }, reset: false });

    it('answers ThrottlingException (400) beyond the operation TPS limit, per account and region', async () => {
      const first = await burst(demo.iot, 30);
      assert.ok(first.ok >= CONFIG_TPS, `at least the burst of ${CONFIG_TPS} succeeds (${first.ok})`);
      assert.ok(first.ok <= CONFIG_TPS + refilled(first.elapsedMs, CONFIG_TPS), `no more than the bucket allows (${first.ok} in ${first.elapsedMs.toFixed(0)} ms)`);
      assert.ok(first.throttled > 0);
      // Other regions and accounts have their own buckets; other operations their own limits.
      const elsewhere = await burst(iotClient(demo.emulator, 'eu-west-1'), CONFIG_TPS);
      assert.equal(elsewhere.throttled, 0);
      const otherAccount = await burst(iotClient(demo.emulator, 'us-east-1', '111122223333'), CONFIG_TPS);
      assert.equal(otherAccount.throttled, 0);
      const unlisted = await Promise.all(Array.from({ length: 40 }, () => demo.iot.send(new ListThingsCommand({ maxResults: 1 }))));
      assert.equal(unlisted.length, 40);
      const started = performance.now();
      const described = await Promise.all(
        Array.from({ length: 80 }, () => demo.iot.send(new DescribeMitigationActionCommand({ actionName: 'missing' })).then(() => 'ok', (error: unknown) => (error as Error).name)),
      );
      const reached = described.filter((name) => name === 'ResourceNotFoundException').length;
      assert.equal(reached + described.filter((name) => name === 'ThrottlingException').length, 80);
      assert.ok(reached >= 25, `DescribeMitigationAction allows a burst of 25 (${reached})`);
      assert.ok(reached <= 25 + refilled(performance.now() - started, 25), `and then 25 per second (${reached})`);
    });

    it('refills: after a pause the operation answers again', async () => {
      await burst(demo.iot, 20);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const again = await burst(demo.iot, 3);
      assert.equal(again.throttled, 0, 'a full second refills the bucket');
    });

    it('is switched off and on through the admin settings endpoint', async () => {
      let settings = await admin<{ throttle: boolean }>(demo.emulator, 'GET', 'settings');
      assert.equal(settings.throttle, true);
      settings = await admin<{ throttle: boolean }>(demo.emulator, 'POST', 'settings', { throttle: false });
      assert.equal(settings.throttle, false);
      assert.deepEqual(await burst(demo.iot, 30).then(({ ok, throttled }) => ({ ok, throttled })), { ok: 30, throttled: 0 });
      await admin(demo.emulator, 'POST', 'settings', { throttle: true });
      assert.ok((await burst(demo.iot, 30)).throttled > 0);
      await assert.rejects(admin(demo.emulator, 'POST', 'settings', { throttle: 'yes' }), /throttle must be true/);
    });
  });

  it('is off by default', async () => {
    const emulator = await startTestEmulator();
    try {
      assert.equal((await admin<{ throttle: boolean }>(emulator, 'GET', 'settings')).throttle, false);
      const result = await burst(iotClient(emulator), 30);
      assert.deepEqual([result.ok, result.throttled], [30, 0]);
    } finally {
      await emulator.close();
    }
  });
});
