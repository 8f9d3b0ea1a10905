/**
 * The demo fleet: a small factory whose audit finds something for most checks, so every
 * mitigation action type has a real target. Certificate ids are stable across resets.
 */
import { createAuditTask, defaultAuditConfiguration, runAuditToCompletion } from '../audit/engine';
import type { RegionState } from '../state/regionState';
import { putCaCertificate, putCertificate, putConnection, putPolicy, putRole, putThing, putThingGroup } from './builders';
import { stableCertificateId, stableUuid } from './ids';

export const DEMO = {
  topicName: 'DeviceDefenderFindings',
  mitigationRole: 'IoTMitigationActionsRole',
  restrictedRole: 'IoTMitigationRestrictedRole',
  loggingRole: 'IoTLoggingRole',
  auditRole: 'DeviceDefenderAuditRole',
  quarantineGroup: 'Quarantine',
  /** The demo's completed audit: the id the examples' tasks name, so they start as written. */
  auditTaskId: 'a3aea009955e501a31b764abe1bebd3d',
  certificates: {
    healthy: stableCertificateId('demo-healthy'),
    expiring: stableCertificateId('demo-expiring'),
    expired: stableCertificateId('demo-expired'),
    old: stableCertificateId('demo-old'),
    shared: stableCertificateId('demo-shared'),
    revokedByIssuer: stableCertificateId('demo-revoked-by-issuer'),
    weakKey: stableCertificateId('demo-weak-key'),
    crowded: stableCertificateId('demo-crowded'),
    intermediateRevoked: stableCertificateId('demo-intermediate-revoked'),
    suppressed: stableCertificateId('demo-suppressed'),
    revoked: stableCertificateId('demo-revoked'),
  },
  caCertificates: {
    root: stableCertificateId('demo-ca-root'),
    expiring: stableCertificateId('demo-ca-expiring'),
    revokedByIssuer: stableCertificateId('demo-ca-revoked'),
    weakKey: stableCertificateId('demo-ca-weak-key'),
  },
} as const;

const HEALTHY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}' },
    { Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:*:*:topic/telemetry/${iot:Connection.Thing.ThingName}' },
  ],
};
const PERMISSIVE_POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] };
const DENY_WILDCARD_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish'], Resource: 'arn:aws:iot:*:*:client/${iot:ClientId}' },
    { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:*:*:topic/admin/#' },
  ],
};

export function seedDemo(state: RegionState, now: number): void {
  const c = DEMO.certificates;
  const ca = DEMO.caCertificates;
  const allMitigations = ['iot:UpdateCertificate', 'iot:UpdateCACertificate', 'iot:ListPrincipalThings', 'iot:AddThingToThingGroup', 'iot:CreatePolicyVersion', 'iot:SetV2LoggingOptions', 'iam:PassRole', 'sns:Publish'];
  putRole(state, DEMO.mitigationRole, allMitigations);
  putRole(state, DEMO.restrictedRole, ['sns:Publish']);
  const loggingRole = putRole(state, DEMO.loggingRole, ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
  const auditRole = putRole(state, DEMO.auditRole, ['iot:Describe*', 'iot:List*', 'iot:Get*', 'cognito-identity:Describe*', 'iam:Get*']);
  const cognitoAuthRole = putRole(state, 'CognitoFieldAppAuthRole', ['iot:Connect', 'iot:Publish', 'iot:UpdateThing']);
  const cognitoUnauthRole = putRole(state, 'CognitoFieldAppUnauthRole', ['iot:Connect', 'iot:Subscribe', 'iot:Receive']);
  const cameraRole = putRole(state, 'CameraUploadRole', ['s3:*']);
  const firmwareRole = putRole(state, 'FirmwareDownloadRole', ['s3:GetObject', 'dynamodb:GetItem']);

  state.topics.put(state.arn('sns', DEMO.topicName), { topicArn: state.arn('sns', DEMO.topicName) });
  state.logging = { roleArn: loggingRole, defaultLogLevel: 'DISABLED', disableAllLogs: true };
  state.auditConfiguration = defaultAuditConfiguration(auditRole);

  putCaCertificate(state, { certificateId: ca.root, createdDaysAgo: 700, expiresInDays: 3000 }, now);
  putCaCertificate(state, { certificateId: ca.expiring, createdDaysAgo: 1800, expiresInDays: 12 }, now);
  putCaCertificate(state, { certificateId: ca.revokedByIssuer, createdDaysAgo: 900, expiresInDays: 1500, revokedByIssuer: true }, now);
  putCaCertificate(state, { certificateId: ca.weakKey, createdDaysAgo: 2000, expiresInDays: 900, keyVulnerability: 'CERTIFICATE_KEY_VULNERABILITY_CVE-2017-15361' }, now);

  putCertificate(state, { certificateId: c.healthy, caCertificateId: ca.root, createdDaysAgo: 60, expiresInDays: 700 }, now);
  putCertificate(state, { certificateId: c.expiring, caCertificateId: ca.root, createdDaysAgo: 350, expiresInDays: 10 }, now);
  putCertificate(state, { certificateId: c.expired, caCertificateId: ca.root, createdDaysAgo: 370, expiresInDays: -5 }, now);
  putCertificate(state, { certificateId: c.old, caCertificateId: ca.root, createdDaysAgo: 800, expiresInDays: 2800 }, now);
  putCertificate(state, { certificateId: c.shared, caCertificateId: ca.root, createdDaysAgo: 90, expiresInDays: 600 }, now);
  putCertificate(state, { certificateId: c.revokedByIssuer, caCertificateId: ca.revokedByIssuer, createdDaysAgo: 200, expiresInDays: 500, revokedByIssuer: true }, now);
  putCertificate(state, { certificateId: c.weakKey, caCertificateId: ca.root, createdDaysAgo: 100, expiresInDays: 600, keyVulnerability: 'CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166' }, now);
  putCertificate(state, { certificateId: c.crowded, caCertificateId: ca.root, createdDaysAgo: 100, expiresInDays: 600, keyVulnerability: 'CERTIFICATE_KEY_VULNERABILITY_CVE-2017-15361' }, now);
  putCertificate(state, { certificateId: c.intermediateRevoked, caCertificateId: ca.root, createdDaysAgo: 150, expiresInDays: 600, intermediateCaRevoked: true }, now);
  putCertificate(state, { certificateId: c.suppressed, caCertificateId: ca.root, createdDaysAgo: 340, expiresInDays: 20 }, now);
  putCertificate(state, { certificateId: c.revoked, caCertificateId: ca.root, status: 'REVOKED', createdDaysAgo: 300, expiresInDays: 60 }, now);

  putThingGroup(state, { groupName: 'Factory', description: 'All devices of the demo factory' }, now);
  putThingGroup(state, { groupName: 'Factory-Line1', parentGroupName: 'Factory' }, now);
  putThingGroup(state, { groupName: 'Factory-Line2', parentGroupName: 'Factory' }, now);
  putThingGroup(state, { groupName: 'Sensors' }, now);
  putThingGroup(state, { groupName: 'Cameras' }, now);
  putThingGroup(state, { groupName: DEMO.quarantineGroup, description: 'Devices cut off pending investigation' }, now);
  putThingGroup(state, { groupName: 'LowBattery', dynamic: true, queryString: 'attributes.battery < 20' }, now);
  for (let index = 1; index <= 7; index++) putThingGroup(state, { groupName: `Project-${index}` }, now);

  const thing = (thingName: string, certificateId: string, groupNames: string[], attributes: Record<string, string> = {}) =>
    putThing(state, { thingName, thingId: stableUuid(thingName), principals: [certificateId], groupNames, attributes, thingTypeName: undefined }, now);
  for (let index = 1; index <= 6; index++) {
    const certificateId = stableCertificateId(`demo-sensor-${index}`);
    putCertificate(state, { certificateId, caCertificateId: ca.root, createdDaysAgo: 30 + index, expiresInDays: 700 }, now);
    thing(`sensor-${String(index).padStart(3, '0')}`, certificateId, [index % 2 ? 'Factory-Line1' : 'Factory-Line2', 'Sensors'], { battery: String(index * 15) });
  }
  thing('gateway-01', c.healthy, ['Factory'], { battery: '100' });
  thing('thermostat-01', c.expiring, ['Factory-Line1', 'Sensors']);
  thing('thermostat-02', c.expired, ['Factory-Line2', 'Sensors']);
  thing('plc-legacy-01', c.old, ['Factory-Line1']);
  thing('camera-01', c.shared, ['Cameras']);
  thing('camera-02', c.shared, ['Cameras']);
  thing('camera-03', c.shared, ['Cameras']);
  thing('door-lock-01', c.revokedByIssuer, ['Factory']);
  thing('meter-01', c.weakKey, ['Factory-Line2', 'LowBattery'], { battery: '12' });
  thing('meter-02', c.crowded, ['Factory-Line1', 'Sensors', 'Cameras', 'LowBattery', 'Project-1', 'Project-2', 'Project-3', 'Project-4', 'Project-5', 'Project-6'], { battery: '8' });
  thing('robot-arm-01', c.intermediateRevoked, ['Factory-Line2']);
  thing('tracker-01', c.suppressed, ['Sensors']);
  thing('decommissioned-01', c.revoked, []);

  putPolicy(state, 'DeviceTelemetryPolicy', HEALTHY_POLICY, now);
  putPolicy(state, 'AllowEverythingPolicy', PERMISSIVE_POLICY, now);
  putPolicy(state, 'DenyAdminTopicsPolicy', DENY_WILDCARD_POLICY, now);

  // Three cameras on one certificate, and a sensor whose client id is used twice at once.
  putConnection(state, { clientId: 'camera-01', certificateId: c.shared, thingName: 'camera-01', sourceIp: '10.0.1.11', connectedMinutesAgo: 180 }, now);
  putConnection(state, { clientId: 'camera-02', certificateId: c.shared, thingName: 'camera-02', sourceIp: '10.0.1.12', connectedMinutesAgo: 120 }, now);
  putConnection(state, { clientId: 'camera-03', certificateId: c.shared, thingName: 'camera-03', sourceIp: '10.0.1.13', connectedMinutesAgo: 90, disconnectedMinutesAgo: 30 }, now);
  const sensor3 = stableCertificateId('demo-sensor-3');
  putConnection(state, { clientId: 'sensor-003', certificateId: sensor3, thingName: 'sensor-003', sourceIp: '10.0.2.3', connectedMinutesAgo: 300 }, now);
  putConnection(state, { clientId: 'sensor-003', certificateId: sensor3, sourceIp: '192.0.2.77', connectedMinutesAgo: 60, disconnectedMinutesAgo: 50 }, now);
  putConnection(state, { clientId: 'gateway-01', certificateId: c.healthy, thingName: 'gateway-01', sourceIp: '10.0.0.1', connectedMinutesAgo: 2000 }, now);

  state.cognitoIdentityPools.put(`${state.region}:7f4c2d1e-demo-field-app`, {
    identityPoolId: `${state.region}:7f4c2d1e-demo-field-app`,
    authenticatedRoleArn: cognitoAuthRole,
    unauthenticatedRoleArn: cognitoUnauthRole,
  });
  state.roleAliases.put('CameraUploadAlias', { roleAlias: 'CameraUploadAlias', roleAliasArn: state.arn('iot', 'rolealias/CameraUploadAlias'), roleArn: cameraRole, usedServices: ['s3'] });
  state.roleAliases.put('FirmwareDownloadAlias', { roleAlias: 'FirmwareDownloadAlias', roleAliasArn: state.arn('iot', 'rolealias/FirmwareDownloadAlias'), roleArn: firmwareRole, usedServices: ['s3'] });

  state.suppressions.put('tracker-expiring', {
    suppressionId: 'tracker-expiring',
    checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK',
    resourceIdentifier: { deviceCertificateId: c.suppressed },
    description: 'Tracker is being replaced next week',
  });

  // A completed audit from a few minutes ago, so there are findings to mitigate right away.
  const enabled = Object.entries(state.auditConfiguration!.checks).filter(([, check]) => check.enabled).map(([name]) => name);
  const auditTime = now - 5 * 60_000;
  const audit = createAuditTask(state, enabled, auditTime, DEMO.auditTaskId);
  runAuditToCompletion(state, audit.taskId, auditTime);
}
