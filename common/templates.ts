/**
 * The example values every template inserts (completion snippets, quick fixes, the JSON
 * schema's snippets, a new file): one account, region, role and topic, so the examples agree
 * with each other and with the bundled emulator's demo account, where they run as inserted.
 */
import { roleArn } from './limits';

/** The AWS documentation's example account id; the emulator's default account too. */
export const EXAMPLE_ACCOUNT_ID = '123456789012';
export const EXAMPLE_REGION = 'us-east-1';
/** The role every new action gets until the file names its own; the emulator's demo defines it. */
const EXAMPLE_ROLE_NAME = 'IoTMitigationActionsRole';
export const EXAMPLE_TOPIC_NAME = 'DeviceDefenderFindings';

export function exampleRoleArn(accountId = EXAMPLE_ACCOUNT_ID): string {
  return roleArn(accountId, EXAMPLE_ROLE_NAME);
}

export function exampleTopicArn(accountId = EXAMPLE_ACCOUNT_ID, region = EXAMPLE_REGION): string {
  return `arn:aws:sns:${region}:${accountId}:${EXAMPLE_TOPIC_NAME}`;
}

export const EXAMPLE_ROLE_ARN = exampleRoleArn();
export const EXAMPLE_LOGGING_ROLE_ARN = roleArn(EXAMPLE_ACCOUNT_ID, 'IoTLoggingRole');

/**
 * Realistic values for strings the API requires non-empty, by shape name: inserted text must
 * validate, and a snippet selects them so typing replaces them.
 */
export const EXAMPLE_STRINGS: Readonly<Record<string, string>> = {
  RoleArn: EXAMPLE_ROLE_ARN,
  SnsTopicArn: exampleTopicArn(),
  ThingGroupName: 'Quarantine',
  TagKey: 'team',
  TagValue: 'security',
};

/** The role Device Defender audits with, in new audit configurations; the emulator's demo defines it. */
export const EXAMPLE_AUDIT_ROLE_ARN = roleArn(EXAMPLE_ACCOUNT_ID, 'DeviceDefenderAuditRole');

/** The expiry new suppressions and "extend" fixes write: `days` after `now`, as an ISO date. */
export function exampleExpirationDate(now: Date, days = 30): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
