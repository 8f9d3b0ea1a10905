/**
 * ListThingGroups through @aws-sdk/client-iot: every group, the children of a parent (or all
 * its descendants), a name prefix, pages, and the errors the model declares.
 */
import { CreateThingGroupCommand, InvalidRequestException, ListThingGroupsCommand, ResourceNotFoundException, type ListThingGroupsCommandInput, paginateListThingGroups } from '@aws-sdk/client-iot';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { useDemoEmulator } from './helpers';

describe('emulator: ListThingGroups (SDK)', () => {
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });

  const names = async (input: ListThingGroupsCommandInput) => (await demo.iot.send(new ListThingGroupsCommand(input))).thingGroups!.map((group) => group.groupName);

  it('lists every group of the account by name, static and dynamic, with name and ARN', async () => {
    const output = await demo.iot.send(new ListThingGroupsCommand({ maxResults: 250 }));
    const all = output.thingGroups!.map((group) => group.groupName!);
    assert.deepEqual(all, [...all].sort());
    for (const expected of ['Factory', 'Factory-Line1', 'LowBattery', DEMO.quarantineGroup]) assert.ok(all.includes(expected), `${expected} is listed`);
    const quarantine = output.thingGroups!.find((group) => group.groupName === DEMO.quarantineGroup);
    assert.equal(quarantine?.groupArn, `arn:aws:iot:us-east-1:123456789012:thinggroup/${DEMO.quarantineGroup}`);
    assert.equal(output.nextToken, undefined);
  });

  it('filters by parent (direct children, or every descendant with recursive) and by name prefix', async () => {
    await demo.iot.send(new CreateThingGroupCommand({ thingGroupName: 'Line1-Cell1', parentGroupName: 'Factory-Line1' }));
    assert.deepEqual(await names({ parentGroup: 'Factory' }), ['Factory-Line1', 'Factory-Line2']);
    assert.deepEqual(await names({ parentGroup: 'Factory', recursive: true }), ['Factory-Line1', 'Factory-Line2', 'Line1-Cell1']);
    assert.deepEqual(await names({ parentGroup: 'Factory', recursive: true, namePrefixFilter: 'Line' }), ['Line1-Cell1']);
    assert.deepEqual(await names({ namePrefixFilter: 'Project-' }), Array.from({ length: 7 }, (_, index) => `Project-${index + 1}`));
    assert.deepEqual(await names({ parentGroup: 'Sensors' }), []);
  });

  it('pages with nextToken through the SDK paginator without repeats or gaps', async () => {
    const everything = await names({ maxResults: 250 });
    const paged: string[] = [];
    for await (const page of paginateListThingGroups({ client: demo.iot, pageSize: 2 }, {})) {
      assert.ok(page.thingGroups!.length <= 2);
      paged.push(...page.thingGroups!.map((group) => group.groupName!));
    }
    assert.deepEqual(paged, everything);
  });

  it('answers a missing parent with ResourceNotFoundException and bad input with InvalidRequestException', async () => {
    await assert.rejects(demo.iot.send(new ListThingGroupsCommand({ parentGroup: 'NoSuchGroup' })), (error: unknown) => error instanceof ResourceNotFoundException && /NoSuchGroup/.test(error.message));
    await assert.rejects(demo.iot.send(new ListThingGroupsCommand({ namePrefixFilter: 'bad name' })), InvalidRequestException);
    await assert.rejects(demo.iot.send(new ListThingGroupsCommand({ maxResults: 251 })), InvalidRequestException);
    const first = await demo.iot.send(new ListThingGroupsCommand({ maxResults: 1 }));
    await assert.rejects(demo.iot.send(new ListThingGroupsCommand({ maxResults: 1, namePrefixFilter: 'F', nextToken: first.nextToken })), InvalidRequestException, 'a token is bound to its filters');
  });
});
