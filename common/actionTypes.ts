/**
 * The six mitigation action types (AWS IoT API Reference, MitigationActionType; AWS IoT Device
 * Defender Developer Guide, "Mitigation actions"): which actionParams member
 * selects each, what IAM permissions its role needs, and our own words for it.
 */
import { MitigationActionParams, type MitigationActionType } from './model';
import type { StructureShape } from './shapes';
import { EXAMPLE_LOGGING_ROLE_ARN, exampleTopicArn } from './templates';

export interface ActionTypeInfo {
  readonly type: MitigationActionType;
  /** The member of actionParams that selects this type. */
  readonly paramsKey: string;
  readonly paramsShape: StructureShape;
  readonly title: string;
  readonly description: string;
  /** Permissions the action's role needs (docs: "Mitigation actions"). */
  readonly permissions: readonly string[];
  /** A minimal valid params object, used by completion snippets, quick fixes and templates. */
  readonly example: Readonly<Record<string, unknown>>;
  /** The codicon that represents it in trees. */
  readonly icon: string;
  /**
   * Whether it takes access away from devices (a device or CA certificate deactivated, a policy
   * blanked): starting it on a real account asks for the task id to be typed, not only a click.
   */
  readonly disruptive: boolean;
}

function paramsShape(key: string): StructureShape {
  return MitigationActionParams.members[key].shape as StructureShape;
}

export const ACTION_TYPES: readonly ActionTypeInfo[] = [
  {
    type: 'UPDATE_DEVICE_CERTIFICATE',
    paramsKey: 'updateDeviceCertificateParams',
    paramsShape: paramsShape('updateDeviceCertificateParams'),
    title: 'Deactivate device certificate',
    description: 'Deactivates the device certificate named in the finding, cutting off devices that use it.',
    permissions: ['iot:UpdateCertificate'],
    example: { action: 'DEACTIVATE' },
    icon: 'debug-disconnect',
    disruptive: true,
  },
  {
    type: 'UPDATE_CA_CERTIFICATE',
    paramsKey: 'updateCACertificateParams',
    paramsShape: paramsShape('updateCACertificateParams'),
    title: 'Deactivate CA certificate',
    description: 'Deactivates the CA certificate named in the finding, so it can no longer register device certificates.',
    permissions: ['iot:UpdateCACertificate'],
    example: { action: 'DEACTIVATE' },
    icon: 'workspace-untrusted',
    disruptive: true,
  },
  {
    type: 'ADD_THINGS_TO_THING_GROUP',
    paramsKey: 'addThingsToThingGroupParams',
    paramsShape: paramsShape('addThingsToThingGroupParams'),
    title: 'Add things to thing groups',
    description: 'Adds the things attached to the finding\'s certificate to thing groups, typically a quarantine group.',
    permissions: ['iot:ListPrincipalThings', 'iot:AddThingToThingGroup'],
    example: { thingGroupNames: ['Quarantine'], overrideDynamicGroups: false },
    icon: 'group-by-ref-type',
    disruptive: false,
  },
  {
    type: 'REPLACE_DEFAULT_POLICY_VERSION',
    paramsKey: 'replaceDefaultPolicyVersionParams',
    paramsShape: paramsShape('replaceDefaultPolicyVersionParams'),
    title: 'Replace default policy version',
    description: 'Creates a blank policy version and makes it the default of the policy named in the finding.',
    permissions: ['iot:CreatePolicyVersion'],
    example: { templateName: 'BLANK_POLICY' },
    icon: 'shield',
    disruptive: true,
  },
  {
    type: 'ENABLE_IOT_LOGGING',
    paramsKey: 'enableIoTLoggingParams',
    paramsShape: paramsShape('enableIoTLoggingParams'),
    title: 'Enable IoT logging',
    description: 'Turns on AWS IoT v2 logging for the account with the given role and level.',
    permissions: ['iot:SetV2LoggingOptions', 'iam:PassRole'],
    example: { roleArnForLogging: EXAMPLE_LOGGING_ROLE_ARN, logLevel: 'ERROR' },
    icon: 'output',
    disruptive: false,
  },
  {
    type: 'PUBLISH_FINDING_TO_SNS',
    paramsKey: 'publishFindingToSnsParams',
    paramsShape: paramsShape('publishFindingToSnsParams'),
    title: 'Publish finding to SNS',
    description: 'Publishes the finding to an SNS topic, e.g. to page the on-call engineer. Valid for every audit check.',
    permissions: ['sns:Publish'],
    example: { topicArn: exampleTopicArn() },
    icon: 'megaphone',
    disruptive: false,
  },
];

/** The action types that take access away from devices (see ActionTypeInfo.disruptive). */
export const DISRUPTIVE_ACTION_TYPES: readonly MitigationActionType[] = ACTION_TYPES.filter((info) => info.disruptive).map((info) => info.type);

const byType = new Map(ACTION_TYPES.map((info) => [info.type, info]));
const byParamsKey = new Map(ACTION_TYPES.map((info) => [info.paramsKey, info]));

export function actionTypeInfo(type: MitigationActionType): ActionTypeInfo {
  const info = byType.get(type);
  if (!info) throw new Error(`Unknown mitigation action type ${type}`);
  return info;
}

export function actionTypeForParamsKey(key: string): ActionTypeInfo | undefined {
  return byParamsKey.get(key);
}

/**
 * The action type an actionParams object selects, when exactly one known member is set.
 * DescribeMitigationAction and ListMitigationActions report actionType this way (AWS IoT API
 * Reference, DescribeMitigationAction).
 */
export function actionTypeOfParams(actionParams: unknown): MitigationActionType | undefined {
  if (typeof actionParams !== 'object' || actionParams === null || Array.isArray(actionParams)) return undefined;
  const keys = Object.keys(actionParams).filter((key) => byParamsKey.has(key));
  return keys.length === 1 ? byParamsKey.get(keys[0])!.type : undefined;
}
