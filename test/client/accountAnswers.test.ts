/**
 * The extension's answers to the language server's account requests, read with the real SDK
 * from the emulator: audits carry their start time (DescribeAuditTask), thing groups come from
 * ListThingGroups across pages.
 */
import { CreateThingGroupCommand, IoTClient, StartOnDemandAuditTaskCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { checkRecentAudits, checkThingGroups } from '../../server/service/clientAnswers';
import { AccountAnswers, recentAuditsAnswer, thingGroupsAnswer } from '../../client/authoring/model/accountAnswers';
import { IotApi, retentionWindow } from '../../client/shared/model/iotApi';
import { DEMO, type RunningEmulator } from '../../emulator/index';
import { admin, useDemoEmulator } from '../emulator/helpers';

describe('account answers for the language server (SDK against the emulator)', () => {
  let emulator: RunningEmulator;
  let iot: IoTClient;
  let api: IotApi;
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });
  before(() => {
    [emulator, iot, api] = [demo.emulator, demo.iot, new IotApi(demo.iot)];
  });

  it('names every recent audit with its status, type and start time, as the server accepts them', async () => {
    const started = await iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    const answer = await recentAuditsAnswer(api, retentionWindow(Date.now()));
    assert.equal(answer.available, true);
    assert.ok(answer.audits.length >= 2, 'the demo audit and the new one');
    const audit = answer.audits.find((candidate) => candidate.taskId === started.taskId);
    assert.ok(audit, 'the audit just started is listed');
    assert.equal(audit.type, 'ON_DEMAND_AUDIT_TASK');
    assert.ok(audit.status.length > 0);
    for (const each of answer.audits) {
      assert.equal(typeof each.startTime, 'number', `${each.taskId} has a start time`);
      const described = await api.describeAudit(each.taskId);
      assert.equal(each.startTime, described.taskStartTime!.getTime(), 'the start time DescribeAuditTask reports');
    }
    assert.deepEqual(checkRecentAudits(answer), answer, 'the server keeps the answer whole');
  });

  it('lists every thing group of the account across pages, with its ARN', async () => {
    // More groups than one ListThingGroups page of 250.
    for (let index = 0; index < 260; index++) await iot.send(new CreateThingGroupCommand({ thingGroupName: `Bulk-${String(index).padStart(3, '0')}` }));
    const answer = await thingGroupsAnswer(api, 'emulator');
    assert.equal(answer.source, 'emulator');
    const names = answer.groups.map((group) => group.name);
    assert.equal(new Set(names).size, names.length, 'no group twice');
    assert.equal(names.filter((name) => name.startsWith('Bulk-')).length, 260);
    const quarantine = answer.groups.find((group) => group.name === DEMO.quarantineGroup);
    assert.equal(quarantine?.arn, `arn:aws:iot:us-east-1:123456789012:thinggroup/${DEMO.quarantineGroup}`);
    assert.deepEqual(checkThingGroups(answer), answer, 'the server keeps the answer whole');
  });

  it('reads each answer once per cache period, and again after invalidate (the connection changed)', async () => {
    const logs: string[] = [];
    const answers = new AccountAnswers({ connection: async () => ({ api, label: 'emulator', isRealAccount: false, endpoint: emulator.url }), explain: String, log: (message) => logs.push(message), ttlMs: 60_000 });
    const listings = async (after: number) => (await admin<{ requests: { operation?: string }[] }>(emulator, 'GET', `requests?after=${after}`)).requests.filter((request) => request.operation === 'ListMitigationActions').length;
    const start = (await admin<{ lastSequence: number }>(emulator, 'GET', 'requests')).lastSequence;
    const [first, second] = await Promise.all([answers.actions(), answers.actions()]);
    assert.equal(first.available, true);
    assert.equal(second, first);
    assert.equal((await answers.actions()), first);
    const once = await listings(start);
    assert.ok(once > 0, 'the actions were listed');
    answers.invalidate();
    await answers.actions();
    assert.equal(await listings(start), 2 * once, 'listed again after invalidate, and only then');
    assert.deepEqual(logs, []);
  });

  it('answers "unavailable" when the connection fails, logs why, and tries again next time', async () => {
    const logs: string[] = [];
    let attempts = 0;
    const answers = new AccountAnswers({
      connection: async () => {
        attempts++;
        throw new Error('the emulator is not running');
      },
      explain: (error) => (error as Error).message,
      log: (message) => logs.push(message),
    });
    assert.deepEqual(await answers.findings({ checkName: 'LOGGING_DISABLED_CHECK' }), { available: false, findings: [] });
    assert.deepEqual(await answers.thingGroups(), { available: false, groups: [] });
    await answers.thingGroups();
    assert.equal(attempts, 3, 'a failure is not cached');
    assert.match(logs[0], /"findings::LOGGING_DISABLED_CHECK" unavailable: the emulator is not running/);
  });
});
