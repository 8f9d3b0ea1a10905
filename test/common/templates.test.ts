/** The example values templates insert are the bundled emulator's demo resources, so they run as inserted. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXAMPLE_ACCOUNT_ID, EXAMPLE_LOGGING_ROLE_ARN, EXAMPLE_REGION, EXAMPLE_ROLE_ARN, EXAMPLE_STRINGS, exampleTopicArn } from '../../common/templates';
import { ACTION_TYPES } from '../../common/actionTypes';
import { DEMO } from '../../emulator/fleet/demo';
import { DEFAULT_ACCOUNT } from '../../emulator/index';
import { DEFAULT_REGION } from '../../emulator/http/sigv4';

describe('example values', () => {
  it('name the demo account, region, mitigation role, logging role, topic and quarantine group', () => {
    assert.equal(EXAMPLE_ACCOUNT_ID, DEFAULT_ACCOUNT);
    assert.equal(EXAMPLE_REGION, DEFAULT_REGION);
    assert.equal(EXAMPLE_ROLE_ARN, `arn:aws:iam::${DEFAULT_ACCOUNT}:role/${DEMO.mitigationRole}`);
    assert.equal(EXAMPLE_LOGGING_ROLE_ARN, `arn:aws:iam::${DEFAULT_ACCOUNT}:role/${DEMO.loggingRole}`);
    assert.equal(exampleTopicArn(), `arn:aws:sns:${DEFAULT_REGION}:${DEFAULT_ACCOUNT}:${DEMO.topicName}`);
    assert.equal(EXAMPLE_STRINGS.ThingGroupName, DEMO.quarantineGroup);
  });

  it('are what the action types\' example params use', () => {
    const example = (type: string) => ACTION_TYPES.find((info) => info.type === type)!.example;
    assert.deepEqual(example('PUBLISH_FINDING_TO_SNS'), { topicArn: EXAMPLE_STRINGS.SnsTopicArn });
    assert.equal(example('ENABLE_IOT_LOGGING').roleArnForLogging, EXAMPLE_LOGGING_ROLE_ARN);
    assert.deepEqual(example('ADD_THINGS_TO_THING_GROUP').thingGroupNames, [EXAMPLE_STRINGS.ThingGroupName]);
  });
});
