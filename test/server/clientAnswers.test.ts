import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccountActions, checkFindings, checkRecentAudits, checkThingGroups } from '../../server/service/clientAnswers';
import { documentOf, fakeAccount, positionOf, service } from './helpers';

describe('answers from the client are checked before use', () => {
  it('drops malformed actions and rejects a malformed list', () => {
    assert.deepEqual(checkAccountActions({ available: true, actions: [null, 7, { name: 'A' }, { name: 'B', type: 'ENABLE_IOT_LOGGING', arn: 5 }] }), { available: true, actions: [{ name: 'B', type: 'ENABLE_IOT_LOGGING' }] });
    assert.equal(checkAccountActions({ available: true, actions: 'x' }), undefined);
    assert.equal(checkAccountActions(null), undefined);
    assert.equal(checkAccountActions({ actions: [] }), undefined);
    assert.deepEqual(checkAccountActions({ available: false }), { available: false, actions: [] });
  });

  it('drops start times a Date cannot hold and audits without an id', () => {
    const checked = checkRecentAudits({ available: true, audits: [{ taskId: 'a', status: 'COMPLETED', type: 'ON_DEMAND_AUDIT_TASK', startTime: 1e300 }, { status: 'x' }, 'y'] });
    assert.deepEqual(checked, { available: true, audits: [{ taskId: 'a', status: 'COMPLETED', type: 'ON_DEMAND_AUDIT_TASK' }] });
  });

  it('drops thing groups whose name AddThingsToThingGroupParams would refuse, and rejects a malformed list', () => {
    const checked = checkThingGroups({ available: true, source: 7, groups: [{ name: 'Quarantine', arn: 'arn:aws:iot:us-east-1:123456789012:thinggroup/Quarantine' }, { name: 'bad name' }, { name: '' }, { name: 'x'.repeat(129) }, null, 'Factory', { name: 'Factory', arn: 3 }] });
    assert.deepEqual(checked, { available: true, groups: [{ name: 'Quarantine', arn: 'arn:aws:iot:us-east-1:123456789012:thinggroup/Quarantine' }, { name: 'Factory' }] });
    assert.equal(checkThingGroups({ available: true, groups: 'x' }), undefined);
    assert.equal(checkThingGroups([]), undefined);
    assert.deepEqual(checkThingGroups({ available: false }), { available: false, groups: [] });
  });

  it('drops findings without an id and defaults an unknown severity', () => {
    const checked = checkFindings({ available: true, findings: [{ findingId: 'f', checkName: 'C', severity: 'HUGE' }, { checkName: 'C' }] });
    assert.deepEqual(checked, { available: true, findings: [{ findingId: 'f', checkName: 'C', severity: 'LOW', resource: '' }] });
  });

  it('completion of audit ids survives a start time of 1e300 once checked', async () => {
    const audits = checkRecentAudits({ available: true, audits: [{ taskId: 'audit-1', status: 'COMPLETED', type: 'ON_DEMAND_AUDIT_TASK', startTime: 1e300 }] });
    const document = documentOf('{"tasks": {"t": {"target": {"auditTaskId": ""}, "auditCheckToActionsMapping": {}}}}');
    const list = await service({ account: fakeAccount({ audits }) }).doComplete(document, positionOf(document, '""', 1));
    assert.deepEqual(list.items.map((item) => item.label), ['audit-1']);
  });
});
