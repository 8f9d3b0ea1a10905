/**
 * The extension's answers to the language server's account requests, read with the real SDK
 * from the emulator: audits carry their start time (DescribeAuditTask), thing groups come from
 * ListThingGroups across pages.
 */
import { CreateThingGroupCommand, IoTClient, StartOnDemandAuditTaskCommand } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { checkRecentAudits, checkThingGroups } from '../../server/service/clientAnswers';
import { recentAuditsAnswer, thingGroupsAnswer } from '../../client/authoring/model/accountAnswers';
import { IotApi } from '../../client/shared/model/iotApi';
import { DEMO, type RunningEmulator } from '../../emulator/index';
import { admin, iotClient, startTestEmulator } from '../emulator/helpers';

describe('account answers for the language server (SDK against the emulator)', () => {
  let emulator: RunningEmulator;
  let iot: IoTClient;
  let api: IotApi;
  before(async () => {
    emulator = await startTestEmulator();
    iot = iotClient(emulator);
    api = new IotApi(iot);
  });
  after(async () => {
    iot.destroy();
    await emulator.close();
  });
  beforeEach(async () => {
    await admin(emulator, 'POST', 'reset', { seed: 'demo' });
  });

  it('names every recent audit with its status, type and start time, as the server accepts them', async () => {
    const started = await iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['LOGGING_DISABLED_CHECK'] }));
    const answer = await recentAuditsAnswer(api);
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
});
