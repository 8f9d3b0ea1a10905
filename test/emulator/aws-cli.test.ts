/**
 * The real AWS CLI v2 from Debian (/usr/bin/aws, signs as `execute-api`) against the emulator:
 * shorthand and JSON arguments, ISO timestamps in queries, its own auto-pagination, and its
 * error output. CI installs it with apt-get (python3 awscli); the suite fails if it is missing.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { admin, awsEnvironment, DAY_MS, emptyHome, requireExecutable, runProcess, waitFor, type ProcessResult, useDemoEmulator } from './helpers';

const AWS = '/usr/bin/aws';

type CliResult = ProcessResult;

describe('emulator: AWS CLI v2', () => {
  let home: string;
  before(() => {
    requireExecutable(AWS, 'install the AWS CLI with `apt-get install -y awscli`');
    home = emptyHome();
  });
  const demo = useDemoEmulator({ reset: false });

  // Asynchronous on purpose: the emulator serves from this same process.
  function aws(...args: string[]): Promise<CliResult> {
    return runProcess(AWS, ['--endpoint-url', demo.emulator.url, '--output', 'json', 'iot', ...args], awsEnvironment(home));
  }

  // The CLI prints untyped JSON; the assertions below are what check its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function json(...args: string[]): Promise<Record<string, any>> {
    const result = await aws(...args);
    assert.equal(result.code, 0, `aws iot ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout.trim() ? JSON.parse(result.stdout) : {};
  }

  it('defines, describes, lists, updates and deletes mitigation actions', async () => {
    const created = await json('create-mitigation-action', '--action-name', 'CliDeactivate', '--role-arn', `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`, '--action-params', 'updateDeviceCertificateParams={action=DEACTIVATE}');
    assert.equal(created.actionArn, 'arn:aws:iot:us-east-1:123456789012:mitigationaction/CliDeactivate');
    const described = await json('describe-mitigation-action', '--action-name', 'CliDeactivate');
    assert.equal(described.actionType, 'UPDATE_DEVICE_CERTIFICATE');
    assert.equal(typeof described.creationDate, 'string', 'the CLI renders epoch numbers as dates');
    await json('update-mitigation-action', '--action-name', 'CliDeactivate', '--action-params', '{"publishFindingToSnsParams":{"topicArn":"arn:aws:sns:us-east-1:123456789012:DeviceDefenderFindings"}}');
    const listed = await json('list-mitigation-actions', '--action-type', 'PUBLISH_FINDING_TO_SNS');
    assert.deepEqual(listed.actionIdentifiers.map((action: { actionName: string }) => action.actionName), ['CliDeactivate']);
    await json('delete-mitigation-action', '--action-name', 'CliDeactivate');
    const missing = await aws('describe-mitigation-action', '--action-name', 'CliDeactivate');
    assert.equal(missing.code, 254);
    assert.match(missing.stderr, /An error occurred \(ResourceNotFoundException\) when calling the DescribeMitigationAction operation/);
    const invalid = await aws('create-mitigation-action', '--action-name', 'bad name!', '--role-arn', `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`, '--action-params', 'updateCACertificateParams={action=DEACTIVATE}');
    assert.match(invalid.stderr, /\(InvalidRequestException\)/);
  });

  it('tags, lists the tags of and untags a mitigation action', async () => {
    const created = await json('create-mitigation-action', '--action-name', 'CliTagged', '--role-arn', `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`, '--action-params', 'updateCACertificateParams={action=DEACTIVATE}', '--tags', 'Key=team,Value=sec');
    await json('tag-resource', '--resource-arn', created.actionArn, '--tags', 'Key=env,Value=prod', 'Key=owner');
    await json('untag-resource', '--resource-arn', created.actionArn, '--tag-keys', 'team');
    const listed = await json('list-tags-for-resource', '--resource-arn', created.actionArn);
    assert.deepEqual(listed.tags, [{ Key: 'env', Value: 'prod' }, { Key: 'owner' }]);
    // A role without iot:ListTagsForResource, as the emulator's settings play it.
    await admin(demo.emulator, 'POST', 'settings', { denyOperations: ['ListTagsForResource'] });
    const denied = await aws('list-tags-for-resource', '--resource-arn', created.actionArn).finally(() => admin(demo.emulator, 'POST', 'settings', { denyOperations: [] }));
    assert.equal(denied.code, 254);
    assert.match(denied.stderr, /An error occurred \(AccessDeniedException\) when calling the ListTagsForResource operation( \(reached max retries: \d+\))?: User: arn:aws:iam::123456789012:root is not authorized to perform: iot:ListTagsForResource on resource: arn:aws:iot:us-east-1:123456789012:mitigationaction\/CliTagged/);
    const missing = await aws('list-tags-for-resource', '--resource-arn', 'arn:aws:iot:us-east-1:123456789012:mitigationaction/Nope');
    assert.match(missing.stderr, /\(ResourceNotFoundException\) when calling the ListTagsForResource operation/);
    await json('delete-mitigation-action', '--action-name', 'CliTagged');
  });

  it('runs a mitigation task on the demo audit and shows its effect', async () => {
    const audits = await json('list-audit-tasks', '--start-time', new Date(Date.now() - DAY_MS).toISOString(), '--end-time', new Date(Date.now() + DAY_MS).toISOString());
    const auditTaskId = audits.tasks[0].taskId as string;
    const findings = await json('list-audit-findings', '--task-id', auditTaskId, '--check-name', 'REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK');
    assert.equal(findings.findings.length, 1);
    assert.equal(typeof findings.findings[0].findingTime, 'string');
    await json('create-mitigation-action', '--action-name', 'CliQuarantine', '--role-arn', `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`, '--action-params', `addThingsToThingGroupParams={thingGroupNames=[${DEMO.quarantineGroup}]}`);
    const started = await json('start-audit-mitigation-actions-task', '--task-id', 'cli-task', '--target', JSON.stringify({ auditTaskId }), '--audit-check-to-actions-mapping', JSON.stringify({ REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK: ['CliQuarantine'] }));
    assert.equal(started.taskId, 'cli-task');
    const task = await waitFor('the CLI task', async () => {
      const described = await json('describe-audit-mitigation-actions-task', '--task-id', 'cli-task');
      return described.taskStatus === 'IN_PROGRESS' ? undefined : described;
    }, 40, 100);
    assert.equal(task.taskStatus, 'COMPLETED');
    const executions = await json('list-audit-mitigation-actions-executions', '--task-id', 'cli-task', '--finding-id', findings.findings[0].findingId);
    assert.equal(executions.actionsExecutions[0].status, 'COMPLETED');
    const groups = await json('list-thing-groups-for-thing', '--thing-name', 'door-lock-01');
    assert.ok(groups.thingGroups.some((group: { groupName: string }) => group.groupName === DEMO.quarantineGroup));
  });

  it('follows nextToken across pages on its own and handles certificates and policies', async () => {
    await admin(demo.emulator, 'POST', 'seed', { generate: { things: 130, prefix: 'cli' } });
    const things = await json('list-things', '--page-size', '50');
    assert.equal(things.things.length, 130 + 19);
    await json('update-certificate', '--certificate-id', DEMO.certificates.weakKey, '--new-status', 'INACTIVE');
    const certificate = await json('describe-certificate', '--certificate-id', DEMO.certificates.weakKey);
    assert.equal(certificate.certificateDescription.status, 'INACTIVE');
    const policy = await json('get-policy', '--policy-name', 'DenyAdminTopicsPolicy');
    assert.equal(policy.defaultVersionId, '1');
    const configuration = await json('describe-account-audit-configuration');
    assert.equal(configuration.auditCheckConfigurations.LOGGING_DISABLED_CHECK.enabled, true);
    const audit = await json('start-on-demand-audit-task', '--target-check-names', 'LOGGING_DISABLED_CHECK');
    assert.match(audit.taskId, /^[0-9a-f]{32}$/);
  });

  it('reports unsupported operations by name', async () => {
    const result = await aws('list-jobs');
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /NotImplementedException.*ListJobs/s);
  });
});
