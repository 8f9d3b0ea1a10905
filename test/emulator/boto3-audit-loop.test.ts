/**
 * The audit loop with boto3 (Debian python3-boto3): its serializers for the suppression,
 * scheduled-audit and configuration operations, datetime parsing of expiration dates, its
 * paginators for ListAuditSuppressions and ListScheduledAudits, nextToken by hand for
 * ListRelatedResourcesForAuditFinding,
 * and its error parsing. The Python runs with -c; it prints one JSON document of what it saw.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { awsEnvironment, BOTO3_PRELUDE, emptyHome, hasPythonModule, requireExecutable, runProcess, useDemoEmulator } from './helpers';

const PYTHON = '/usr/bin/python3';

const SCRIPT = BOTO3_PRELUDE + String.raw`
certificate, topic, role = sys.argv[2:5]

account = {'account': '123456789012'}
until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=5)
iot.create_audit_suppression(checkName='LOGGING_DISABLED_CHECK', resourceIdentifier=account, expirationDate=until, description='boto')
described = iot.describe_audit_suppression(checkName='LOGGING_DISABLED_CHECK', resourceIdentifier=account)
out['expirationIsDatetime'] = isinstance(described['expirationDate'], datetime.datetime)
out['expirationDelta'] = abs((described['expirationDate'] - until).total_seconds())
out['duplicate'] = refusal(lambda: iot.create_audit_suppression(checkName='LOGGING_DISABLED_CHECK', resourceIdentifier=account, suppressIndefinitely=True))
iot.update_audit_suppression(checkName='LOGGING_DISABLED_CHECK', resourceIdentifier=account, suppressIndefinitely=True)
listed = iot.list_audit_suppressions(checkName='LOGGING_DISABLED_CHECK')['suppressions']
out['updated'] = [[s['suppressIndefinitely'], 'expirationDate' in s, s['description']] for s in listed]
iot.delete_audit_suppression(checkName='LOGGING_DISABLED_CHECK', resourceIdentifier=account)
out['deletedSuppression'] = refusal(lambda: iot.describe_audit_suppression(checkName='LOGGING_DISABLED_CHECK', resourceIdentifier=account))
for day in range(1, 4):
    iot.create_audit_suppression(checkName='DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier={'deviceCertificateId': certificate[:-1] + str(day)}, expirationDate=until + datetime.timedelta(days=day))
pages = iot.get_paginator('list_audit_suppressions').paginate(checkName='DEVICE_CERTIFICATE_EXPIRING_CHECK', ascendingOrder=False, PaginationConfig={'PageSize': 2})
out['descending'] = [s['resourceIdentifier']['deviceCertificateId'] for page in pages for s in page['suppressions']]

iot.update_account_audit_configuration(auditNotificationTargetConfigurations={'SNS': {'targetArn': topic, 'roleArn': role, 'enabled': True}}, auditCheckConfigurations={'DEVICE_CERTIFICATE_AGE_CHECK': {'enabled': True}})
out['ageConfig'] = iot.describe_account_audit_configuration()['auditCheckConfigurations']['DEVICE_CERTIFICATE_AGE_CHECK']
for name, frequency, extra in [('BotoDaily', 'DAILY', {}), ('BotoBiweekly', 'BIWEEKLY', {'dayOfWeek': 'TUE'}), ('BotoMonthly', 'MONTHLY', {'dayOfMonth': '29'})]:
    iot.create_scheduled_audit(scheduledAuditName=name, frequency=frequency, targetCheckNames=['LOGGING_DISABLED_CHECK'], **extra)
pages = iot.get_paginator('list_scheduled_audits').paginate(PaginationConfig={'PageSize': 1})
out['schedules'] = [[a['scheduledAuditName'], a['frequency'], a.get('dayOfWeek') or a.get('dayOfMonth')] for page in pages for a in page['scheduledAudits']]
iot.update_scheduled_audit(scheduledAuditName='BotoMonthly', frequency='WEEKLY', dayOfWeek='SUN')
out['rescheduled'] = {k: v for k, v in iot.describe_scheduled_audit(scheduledAuditName='BotoMonthly').items() if k in ('frequency', 'dayOfWeek', 'dayOfMonth')}
iot.delete_scheduled_audit(scheduledAuditName='BotoMonthly')
out['missingSchedule'] = refusal(lambda: iot.describe_scheduled_audit(scheduledAuditName='BotoMonthly'))

task = iot.start_on_demand_audit_task(targetCheckNames=['DEVICE_CERTIFICATE_SHARED_CHECK'])['taskId']
for _ in range(400):
    if iot.describe_audit_task(taskId=task)['taskStatus'] == 'COMPLETED':
        break
finding = iot.list_audit_findings(taskId=task)['findings'][0]
# Debian's boto3 has no paginator for this operation: follow nextToken by hand.
out['related'], token = [], None
while True:
    page = iot.list_related_resources_for_audit_finding(findingId=finding['findingId'], maxResults=1, **({'nextToken': token} if token else {}))
    out['related'] += [r['resourceType'] for r in page['relatedResources']]
    token = page.get('nextToken')
    if not token:
        break
out['shownRelated'] = len(finding.get('relatedResources', []))

out['blockedDelete'] = refusal(lambda: iot.delete_account_audit_configuration())
iot.delete_account_audit_configuration(deleteScheduledAudits=True)
out['afterDelete'] = iot.list_scheduled_audits()['scheduledAudits']
out['secondDelete'] = refusal(lambda: iot.delete_account_audit_configuration())
print(json.dumps(out))
`;

describe('emulator: the audit loop (boto3)', () => {
  before(() => {
    requireExecutable(PYTHON, 'install Python with `apt-get install -y python3`');
    if (!hasPythonModule(PYTHON, 'boto3')) throw new Error('boto3 is missing for /usr/bin/python3: install it with `apt-get install -y python3-boto3`');
  });
  const demo = useDemoEmulator({ reset: { seed: 'demo' } });

  it('suppresses, schedules, configures, pages through related resources and deletes the configuration with boto3', async () => {
    const topic = `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}`;
    const role = `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`;
    const run = await runProcess(PYTHON, ['-c', SCRIPT, demo.emulator.url, DEMO.certificates.healthy, topic, role], awsEnvironment(emptyHome()));
    assert.equal(run.code, 0, `the boto3 script failed: ${run.stderr}`);
    const output = run.stdout;
    const result = JSON.parse(output);
    assert.equal(result.expirationIsDatetime, true);
    assert.ok(result.expirationDelta < 1, `expiration round-trips (${result.expirationDelta}s off)`);
    assert.deepEqual([result.duplicate[0], result.duplicate[2]], ['ResourceAlreadyExistsException', 409]);
    assert.deepEqual(result.updated, [[true, false, 'boto']], 'the update made it indefinite and kept the description');
    assert.deepEqual([result.deletedSuppression[0], result.deletedSuppression[2]], ['ResourceNotFoundException', 404]);
    const made = (day: number) => `${DEMO.certificates.healthy.slice(0, -1)}${day}`;
    assert.deepEqual(result.descending, [DEMO.certificates.suppressed, made(3), made(2), made(1)], "latest expiry first across pages; the demo's indefinite suppression is the latest");
    // Debian's boto3 model predates the checks' custom configuration, so only `enabled` is sent (the SDK suite sets the thresholds).
    assert.equal(result.ageConfig.enabled, true);
    assert.deepEqual(result.schedules, [['BotoBiweekly', 'BIWEEKLY', 'TUE'], ['BotoDaily', 'DAILY', null], ['BotoMonthly', 'MONTHLY', '29']]);
    assert.deepEqual(result.rescheduled, { frequency: 'WEEKLY', dayOfWeek: 'SUN' }, 'a MONTHLY audit rescheduled WEEKLY drops its day of the month');
    assert.deepEqual([result.missingSchedule[0], result.missingSchedule[2]], ['ResourceNotFoundException', 404]);
    assert.ok(result.related.length >= 2 && result.related.every((type: string) => type === 'CLIENT_ID'), JSON.stringify(result.related));
    assert.equal(result.shownRelated, result.related.length, 'under 10 related resources, the finding shows them all');
    assert.deepEqual([result.blockedDelete[0], result.blockedDelete[2]], ['InvalidRequestException', 400]);
    assert.match(result.blockedDelete[1], /2 scheduled audit\(s\) \(BotoDaily, BotoBiweekly\)/);
    assert.deepEqual(result.afterDelete, []);
    assert.deepEqual([result.secondDelete[0], result.secondDelete[2]], ['ResourceNotFoundException', 404]);
  });
});
