/**
 * Completion in the audit loop's sections (server/service/auditLoopCompletion.ts), through the
 * language service as an editor asks for it: every inserted text validates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { AUDIT_CHECKS } from '../../common/auditChecks';
import { applyEdits, documentOf, service, withCursor } from './helpers';

async function complete(textWithBar: string): Promise<{ list: CompletionList; apply(label: string): string }> {
  const { document, position } = withCursor(textWithBar);
  const list = await service().doComplete(document, position);
  return {
    list,
    apply(label: string) {
      const item = list.items.find((candidate) => candidate.label === label);
      assert.ok(item, `no item ${label} in ${list.items.map((i) => i.label).join(', ')}`);
      return applyEdits(document, [item.textEdit as TextEdit]);
    },
  };
}

const labels = (list: CompletionList) => list.items.map((item) => item.label);
const expandSnippet = (text: string) => text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '').replace(/\\\$/g, '$');

async function problemsOf(text: string) {
  return (await service().doValidation(documentOf(text))).map((diagnostic) => `${String(diagnostic.code)}: ${diagnostic.message}`);
}

const CERT = 'c0ffee'.repeat(10) + 'c0ff';

describe('completion in the audit loop', () => {
  it('offers the three sections at the top level, each inserted as a skeleton that validates', async () => {
    for (const section of ['auditConfiguration', 'scheduledAudits']) {
      const { list, apply } = await complete('{\n  |\n}');
      assert.ok(labels(list).includes(section), labels(list).join(', '));
      assert.deepEqual(await problemsOf(expandSnippet(apply(section))), [], section);
    }
    const { apply } = await complete('{\n  |\n}');
    const suppressions = expandSnippet(apply('suppressions'));
    // The skeleton leaves the resource id and the reason to the user: exactly those two are reported.
    assert.deepEqual((await problemsOf(suppressions)).map((line) => line.split(':')[0]), ['length', 'missing-description']);
  });

  it('offers only checks not yet configured, each with its threshold at the default', async () => {
    const { list, apply } = await complete('{"auditConfiguration": {"auditCheckConfigurations": {"LOGGING_DISABLED_CHECK": {"enabled": true}, |}}}');
    assert.equal(list.items.length, AUDIT_CHECKS.length - 1);
    assert.ok(!labels(list).includes('LOGGING_DISABLED_CHECK'));
    const text = expandSnippet(apply('DEVICE_CERTIFICATE_AGE_CHECK'));
    assert.match(text, /"DEVICE_CERTIFICATE_AGE_CHECK": \{ "enabled": true, "configuration": \{ "CERT_AGE_THRESHOLD_IN_DAYS": "365" \} \}/);
    assert.deepEqual(await problemsOf(text), []);
  });

  it("offers the one threshold of the check whose configuration it is", async () => {
    const { list } = await complete('{"auditConfiguration": {"auditCheckConfigurations": {"DEVICE_CERTIFICATE_EXPIRING_CHECK": {"configuration": {|}}}}}');
    assert.deepEqual(labels(list), ['CERT_EXPIRATION_THRESHOLD_IN_DAYS']);
    assert.match(list.items[0].detail!, /30 to 3652 \(default 30\)/);
    const none = await complete('{"auditConfiguration": {"auditCheckConfigurations": {"LOGGING_DISABLED_CHECK": {"configuration": {|}}}}}');
    assert.deepEqual(labels(none.list), []);
  });

  it("offers a schedule's checks that are not listed yet nor disabled by the file", async () => {
    const { list } = await complete('{"auditConfiguration": {"auditCheckConfigurations": {"CONFLICTING_CLIENT_IDS_CHECK": {"enabled": false}}}, "scheduledAudits": {"w": {"frequency": "DAILY", "targetCheckNames": ["LOGGING_DISABLED_CHECK", |]}}}');
    assert.equal(list.items.length, AUDIT_CHECKS.length - 2);
    assert.ok(!labels(list).includes('LOGGING_DISABLED_CHECK') && !labels(list).includes('CONFLICTING_CLIENT_IDS_CHECK'));
  });

  it("offers a suppression's checks that report on the kind of resource it names", async () => {
    const { list } = await complete(`{"suppressions": [{"checkName": "|", "resourceIdentifier": {"caCertificateId": "${CERT}"}}]}`);
    assert.deepEqual(labels(list).sort(), AUDIT_CHECKS.filter((check) => check.resourceType === 'CA_CERTIFICATE').map((check) => check.name).sort());
  });

  it("offers only the resourceIdentifier member of the suppression's check", async () => {
    const { list } = await complete('{"suppressions": [{"checkName": "CONFLICTING_CLIENT_IDS_CHECK", "resourceIdentifier": {|}}]}');
    assert.deepEqual(labels(list), ['clientId']);
    const unknown = await complete('{"suppressions": [{"resourceIdentifier": {|}}]}');
    assert.equal(unknown.list.items.length, 10, 'every member while the check is not chosen');
  });

  it('leaves out the day a frequency does not run on, and the expiry term already chosen', async () => {
    const weekly = await complete('{"scheduledAudits": {"w": {"frequency": "WEEKLY", |}}}');
    assert.deepEqual(labels(weekly.list).sort(), ['dayOfWeek', 'tags', 'targetCheckNames']);
    const monthly = await complete('{"scheduledAudits": {"m": {"frequency": "MONTHLY", |}}}');
    assert.deepEqual(labels(monthly.list).sort(), ['dayOfMonth', 'tags', 'targetCheckNames']);
    const expiring = await complete('{"suppressions": [{"expirationDate": "2099-01-01", |}]}');
    assert.ok(!labels(expiring.list).includes('suppressIndefinitely'), labels(expiring.list).join(', '));
  });

  it('offers frequencies and days of the week with their meaning, and days of the month with LAST first', async () => {
    const frequency = await complete('{"scheduledAudits": {"w": {"frequency": |}}}');
    assert.deepEqual(labels(frequency.list), ['DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY']);
    assert.match((frequency.list.items[1].documentation as { value: string }).value, /on dayOfWeek/);
    const day = await complete('{"scheduledAudits": {"w": {"frequency": "WEEKLY", "dayOfWeek": |}}}');
    assert.deepEqual(labels(day.list), ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']);
    const month = await complete('{"scheduledAudits": {"m": {"frequency": "MONTHLY", "dayOfMonth": |}}}');
    assert.equal(month.list.items.length, 32);
    assert.equal([...month.list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0].label, 'LAST');
  });

  it('inserts a new scheduled audit under its name, and a suppression per check whose resource member fits it', async () => {
    const schedule = await complete('{"scheduledAudits": {\n  |\n}}');
    assert.deepEqual(await problemsOf(expandSnippet(schedule.apply('weekly-audit'))), []);
    const suppression = await complete('{"suppressions": [\n  |\n]}');
    assert.equal(suppression.list.items.length, AUDIT_CHECKS.length);
    const text = expandSnippet(suppression.apply('Suppress CONFLICTING_CLIENT_IDS_CHECK'));
    assert.match(text, /"resourceIdentifier": \{ "clientId": "" \}/);
    assert.ok(!(await problemsOf(text)).some((line) => line.startsWith('resource-identifier')));
  });
});
