/** The words of real-account confirmations and gates, counted from a task preview. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accountNotes,
  actionsNeedingTypedConfirmation,
  changeQuestion,
  errorsMessage,
  mappingLines,
  startQuestion,
  taskImpact,
  typedPrompt,
  warningsQuestion,
  type ActionFacts,
} from '../../client/connection/model/confirmations';
import { previewTask } from '../../client/tasks/model/preview';
import type { FindingLike } from '../../client/audits/model/findings';

const ACCOUNT = { accountId: '210987654321', region: 'eu-west-1' };

const ACTIONS = new Map<string, ActionFacts>([
  ['Notify', { type: 'PUBLISH_FINDING_TO_SNS' }],
  ['Quarantine', { type: 'ADD_THINGS_TO_THING_GROUP', actionParams: { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'] } } }],
  ['Deactivate', { type: 'UPDATE_DEVICE_CERTIFICATE', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } }],
  ['Blank', { type: 'REPLACE_DEFAULT_POLICY_VERSION', actionParams: { replaceDefaultPolicyVersionParams: { templateName: 'BLANK_POLICY' } } }],
  ['Logging', { type: 'ENABLE_IOT_LOGGING', actionParams: { enableIoTLoggingParams: { roleArnForLogging: 'arn:aws:iam::210987654321:role/L', logLevel: 'WARN' } } }],
]);
const TYPES = new Map([...ACTIONS].map(([name, facts]) => [name, facts.type]));

function certificateFinding(id: string, certificate: string, extra: Partial<FindingLike> = {}): FindingLike {
  return { findingId: id, checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', severity: 'CRITICAL', nonCompliantResource: { resourceType: 'DEVICE_CERTIFICATE', resourceIdentifier: { deviceCertificateId: certificate } }, ...extra };
}

function policyFinding(id: string, policy: string): FindingLike {
  return { findingId: id, checkName: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK', severity: 'CRITICAL', nonCompliantResource: { resourceType: 'IOT_POLICY', resourceIdentifier: { policyVersionIdentifier: { policyName: policy, policyVersionId: '1' } } } };
}

const MAPPING = {
  DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify', 'Quarantine', 'Deactivate'],
  IOT_POLICY_OVERLY_PERMISSIVE_CHECK: ['Notify', 'Blank'],
};

describe('task impact counted from the preview', () => {
  // 3 certificates in 4 findings (one shared by two findings), one suppressed; 2 policies in 3 findings.
  const findings = [
    certificateFinding('f1', 'c1'), certificateFinding('f2', 'c2'), certificateFinding('f3', 'c2'), certificateFinding('f4', 'c3'),
    certificateFinding('f5', 'c4', { isSuppressed: true }),
    policyFinding('p1', 'Open'), policyFinding('p2', 'Open'), policyFinding('p3', 'Wide'),
  ];
  const preview = previewTask({ target: { auditTaskId: 'a1' }, auditCheckToActionsMapping: MAPPING }, findings, TYPES);

  it('counts distinct resources per change, skips suppressed findings, counts notifications per finding', () => {
    assert.deepEqual(taskImpact(preview.rows, ACTIONS), [
      'publish 7 findings to SNS',
      'add the things of 3 device certificates to Quarantine',
      'deactivate up to 3 device certificates',
      'replace the default version of 2 policies with a blank policy',
    ]);
  });

  it('says it all in one question naming account and region', () => {
    assert.equal(
      startQuestion('t-20261201T203000Z', preview.mitigated, 'audit a1', taskImpact(preview.rows, ACTIONS), ACCOUNT),
      'Start mitigation task t-20261201T203000Z on 7 findings of audit a1: publish 7 findings to SNS, add the things of 3 device certificates to Quarantine, deactivate up to 3 device certificates, replace the default version of 2 policies with a blank policy, in account 210987654321 (eu-west-1)?',
    );
    assert.equal(startQuestion('t', 0, 'audit a1', [], { region: 'eu-west-1' }), 'Start mitigation task t on 0 findings of audit a1: change nothing (no finding matches), in an account whose id could not be read (eu-west-1)?');
  });

  it('words logging and singular counts', () => {
    const logging = previewTask({ target: { auditTaskId: 'a1' }, auditCheckToActionsMapping: { LOGGING_DISABLED_CHECK: ['Logging'] } }, [
      { findingId: 'l1', checkName: 'LOGGING_DISABLED_CHECK', nonCompliantResource: { resourceType: 'ACCOUNT_SETTINGS', resourceIdentifier: { account: '210987654321' } } },
    ], TYPES);
    assert.deepEqual(taskImpact(logging.rows, ACTIONS), ['turn on IoT logging at level WARN']);
    const one = previewTask({ target: { auditTaskId: 'a1' }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['Deactivate'] } }, [certificateFinding('f1', 'c1')], TYPES);
    assert.deepEqual(taskImpact(one.rows, ACTIONS), ['deactivate up to 1 device certificate']);
  });

  it('asks for the typed task id for certificate deactivation and policy replacement only', () => {
    assert.deepEqual(actionsNeedingTypedConfirmation(MAPPING, ACTIONS), ['Deactivate', 'Blank']);
    assert.deepEqual(actionsNeedingTypedConfirmation({ DEVICE_CERTIFICATE_SHARED_CHECK: ['Notify', 'Quarantine'] }, ACTIONS), []);
    assert.equal(typedPrompt(['Deactivate'], ['deactivate up to 3 device certificates'], 't-1'), 'Deactivate deactivate up to 3 device certificates: devices can lose their connection or permissions. Type the task id "t-1" to start it.');
  });

  it('shows the whole mapping, one line per check', () => {
    assert.deepEqual(mappingLines(MAPPING), ['DEVICE_CERTIFICATE_SHARED_CHECK: Notify → Quarantine → Deactivate', 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK: Notify → Blank']);
  });
});

describe('change confirmations and gates', () => {
  it('names the account and region in every question', () => {
    assert.equal(changeQuestion('Run an on-demand audit of 3 check(s)', ACCOUNT), 'Run an on-demand audit of 3 check(s) in account 210987654321 (eu-west-1)?');
    assert.equal(changeQuestion('Delete mitigation action Notify', { region: 'eu-west-1' }), 'Delete mitigation action Notify in an account whose id could not be read (eu-west-1)?');
  });

  it('adds a note when the account is unknown or the endpoint is a local emulator', () => {
    assert.deepEqual(accountNotes({ kind: 'aws', ...ACCOUNT }), []);
    assert.deepEqual(accountNotes({ kind: 'aws', region: 'eu-west-1', accountUnknownReason: 'AccessDenied: no' }), ['The account id could not be read (AccessDenied: no): make sure this is the account you mean.']);
    assert.match(accountNotes({ kind: 'local-emulator', ...ACCOUNT })[0], /not the one this extension started, so it is confirmed like a real account/);
  });

  it('lists errors with line numbers and says nothing happened', () => {
    const errors = [1, 2, 3, 4, 5].map((n) => ({ line: n * 10, message: `problem ${n}` }));
    assert.equal(errorsMessage('deployed', 'examples/mistakes.mitigation.json', errors), 'examples/mistakes.mitigation.json has 5 errors, so nothing was deployed. Fix them first: line 10: problem 1; line 20: problem 2; line 30: problem 3; and 2 more.');
    assert.equal(errorsMessage('started', 'a.mitigation.json', errors.slice(0, 1)), 'a.mitigation.json has 1 error, so nothing was started. Fix it first: line 10: problem 1.');
  });

  it('names every warning before going on', () => {
    assert.deepEqual(warningsQuestion('Deploy', 'a.mitigation.json', ['line 3: w1', 'line 9: w2']), { message: 'a.mitigation.json has 2 warnings. Deploy anyway?', detail: 'line 3: w1\nline 9: w2' });
  });
});
