/**
 * The document model deploy, start and the rehearsal read files through: its problems are the
 * language server's diagnostics (compared with a real server over stdio), its actions and tasks
 * the file's, and actions of other workspace files resolve task references.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { errorsOf, readDocumentModel, warningsOf, type AccountActions, type DocumentModel, type MitigationActionType } from '../../common';
import { EXAMPLES, TestClient, exampleText } from '../lsp/client';

const SEVERITY_NAMES = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'information', [DiagnosticSeverity.Hint]: 'hint' } as const;

function asDiagnostics(model: DocumentModel) {
  return model.problems.map((problem) => ({ code: problem.code, message: problem.message, severity: problem.severity, range: problem.range }));
}

function fromServer(diagnostics: Diagnostic[]) {
  return diagnostics.map((diagnostic) => ({ code: diagnostic.code, message: diagnostic.message, severity: SEVERITY_NAMES[diagnostic.severity!], range: diagnostic.range }));
}

const ROLE = 'arn:aws:iam::123456789012:role/IoTMitigationRole';

/** A task that only references actions; where they are defined is the question. */
const TASK_ONLY = JSON.stringify({
  tasks: {
    'quarantine-shared': {
      target: {},
      auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['QuarantineDevice', 'Deactivate'] },
    },
  },
});

const BROKEN_TEXTS: Record<string, string> = {
  'a missing comma': '{ "actions": { "A": { "roleArn": "x" "actionParams": {} } } }',
  'an unclosed object': '{ "tasks": { "t": { "target": {}, "auditCheckToActionsMapping": { "LOGGING_DISABLED_CHECK": ["A"] }',
  'duplicate keys': `{ "actions": { "A": { "roleArn": "${ROLE}", "actionParams": { "publishFindingToSnsParams": { "topicArn": "x" } } }, "A": { "roleArn": "${ROLE}", "actionParams": {} } } }`,
  'a half-typed key': `{ "actions": { "A": { "roleArn": "${ROLE}", "actionPa } } }`,
  'not an object': '[1, 2]',
  'too deep': '['.repeat(300),
  'empty': '',
};

describe('document model: the same problems as the language server', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(() => client.shutdown());
  // The server resolves references across its workspace, here one with no other mitigation file;
  // deploy and start read a file the same way, with the actions of the workspace's other files.
  const NO_OTHER_FILES = { externalActions: new Map<string, MitigationActionType | undefined>() };

  const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.mitigation.json'));
  for (const name of examples) {
    it(`examples/${name}`, async () => {
      const uri = `file:///model/${name}`;
      const text = exampleText(name);
      await client.open(uri, text);
      assert.deepEqual(asDiagnostics(readDocumentModel(text, NO_OTHER_FILES)), fromServer(await client.diagnosticsFor(uri)));
    });
  }

  for (const [label, text] of Object.entries(BROKEN_TEXTS)) {
    it(`a text with ${label}`, async () => {
      const uri = `file:///model/${label.replace(/\W+/g, '-')}.mitigation.json`;
      await client.open(uri, text);
      const model = readDocumentModel(text, NO_OTHER_FILES);
      assert.deepEqual(asDiagnostics(model), fromServer(await client.diagnosticsFor(uri)));
      if (label !== 'empty') assert.ok(errorsOf(model).length > 0, 'a broken text has errors');
    });
  }
});

describe('document model: errors and warnings', () => {
  it('counts the errors and warnings of examples/mistakes.mitigation.json', () => {
    const model = readDocumentModel(exampleText('mistakes.mitigation.json'));
    assert.equal(model.kind, 'mitigation-file');
    const errorCodes = errorsOf(model).map((problem) => problem.code);
    const warningCodes = warningsOf(model).map((problem) => problem.code);
    assert.ok(errorCodes.includes('params-count') && errorCodes.includes('target-combination') && errorCodes.includes('unknown-check'));
    assert.deepEqual([...new Set(warningCodes)].sort(), ['arn-format', 'arn-service', 'duplicate-action-in-list', 'filter-without-mapping', 'undefined-action']);
    assert.equal(errorCodes.length + warningCodes.length, model.problems.length);
  });

  it('reports a syntax error with the editor\'s wording and range, and still reads what parses', () => {
    const text = `{ "actions": { "Notify": { "roleArn": "${ROLE}", "actionParams": { "publishFindingToSnsParams": { "topicArn": "arn:aws:sns:us-east-1:123456789012:t" } } } }, }\n  oops`;
    const model = readDocumentModel(text);
    const syntax = errorsOf(model).filter((problem) => problem.code === 'syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].message, 'Unexpected text here: expected a JSON value, a property name in quotes, or a comment.');
    assert.deepEqual(syntax[0].range.start, { line: 1, character: 2 });
    assert.deepEqual(model.actions.map((action) => action.name), ['Notify']);
  });

  it('has no problems for a clean file', () => {
    assert.deepEqual(readDocumentModel(exampleText('quarantine-workflow.mitigation.json')).problems, []);
  });
});

describe('document model: actions and tasks', () => {
  const model = readDocumentModel(exampleText('quarantine-workflow.mitigation.json'));

  it('reads every action with its type, tags and path', () => {
    assert.deepEqual(model.actions.map((action) => [action.name, action.type, action.path]), [
      ['NotifySecurityTeam', 'PUBLISH_FINDING_TO_SNS', ['actions', 'NotifySecurityTeam']],
      ['QuarantineDevice', 'ADD_THINGS_TO_THING_GROUP', ['actions', 'QuarantineDevice']],
      ['DeactivateDeviceCertificate', 'UPDATE_DEVICE_CERTIFICATE', ['actions', 'DeactivateDeviceCertificate']],
      ['BlankPolicy', 'REPLACE_DEFAULT_POLICY_VERSION', ['actions', 'BlankPolicy']],
      ['EnableIoTLogging', 'ENABLE_IOT_LOGGING', ['actions', 'EnableIoTLogging']],
    ]);
    const quarantine = model.actions[1];
    assert.equal(quarantine.roleArn, ROLE);
    assert.deepEqual(JSON.parse(JSON.stringify(quarantine.actionParams)), { addThingsToThingGroupParams: { thingGroupNames: ['Quarantine'], overrideDynamicGroups: true } });
    assert.deepEqual(quarantine.tags, [{ Key: 'workflow', Value: 'quarantine' }]);
  });

  it('reads every task with its target, mapping and path', () => {
    assert.deepEqual(model.tasks.map((task) => task.name), ['quarantine-compromised-devices', 'quarantine-expired-certificates', 'lock-down-policies', 'restore-logging']);
    const expired = model.tasks[1];
    assert.deepEqual(expired.target, { auditTaskId: 'a3aea009955e501a31b764abe1bebd3d', auditCheckToReasonCodeFilter: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['CERTIFICATE_PAST_EXPIRATION'] } });
    assert.deepEqual(expired.auditCheckToActionsMapping, { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['NotifySecurityTeam', 'QuarantineDevice'] });
    assert.deepEqual(expired.path, ['tasks', 'quarantine-expired-certificates']);
    assert.deepEqual(model.tasks[0].target, {});
  });

  it('reads no actions or tasks from a --cli-input-json document', () => {
    const cliInput = readDocumentModel(JSON.stringify({ actionName: 'Notify', roleArn: ROLE, actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } } }));
    assert.equal(cliInput.kind, 'create-mitigation-action');
    assert.deepEqual([cliInput.actions, cliInput.tasks], [[], []]);
  });
});

describe('document model: actions defined in other workspace files', () => {
  const undefinedActions = (model: DocumentModel) => model.problems.filter((problem) => problem.code === 'undefined-action').map((problem) => [problem.severity, problem.path.at(-1)]);

  it('warns about every reference when nothing else is known', () => {
    assert.deepEqual(undefinedActions(readDocumentModel(TASK_ONLY)), [['warning', 0], ['warning', 1]]);
  });

  it('resolves names defined elsewhere and keeps the warning for the rest', () => {
    const model = readDocumentModel(TASK_ONLY, { externalActions: new Map([['QuarantineDevice', 'ADD_THINGS_TO_THING_GROUP']]) });
    assert.deepEqual(undefinedActions(model), [['warning', 1]]);
    assert.match(model.problems[0].message, /Action "Deactivate" is not defined in this workspace; it must already exist in the account/);
  });

  it('checks that an action defined elsewhere applies to the check', () => {
    const model = readDocumentModel(TASK_ONLY, { externalActions: new Map([['QuarantineDevice', 'ENABLE_IOT_LOGGING'], ['Deactivate', 'UPDATE_DEVICE_CERTIFICATE']]) });
    assert.deepEqual(errorsOf(model).map((problem) => [problem.code, problem.path.at(-1)]), [['action-not-applicable', 0]]);
    assert.deepEqual(warningsOf(model), []);
  });

  // One severity for undefined-action in every client (the editor's): with a known account the
  // message says the account lacks it too, and start checks the account before it asks.
  it('with a known account, a name found neither elsewhere nor in the account says so', () => {
    const account: AccountActions = { actionTypeOf: (name) => (name === 'Deactivate' ? 'UPDATE_DEVICE_CERTIFICATE' : undefined) };
    const both = readDocumentModel(TASK_ONLY, { account, externalActions: new Map([['QuarantineDevice', 'ADD_THINGS_TO_THING_GROUP']]) });
    assert.deepEqual(both.problems, []);
    const accountOnly = readDocumentModel(TASK_ONLY, { account });
    assert.deepEqual(undefinedActions(accountOnly), [['warning', 0]]);
    assert.match(accountOnly.problems[0].message, /Action "QuarantineDevice" is not defined in this file nor in the account\./);
  });
});

it('the audit-loop sections are read as written, with only well-typed members', () => {
  const model = readDocumentModel(JSON.stringify({
    auditConfiguration: {
      roleArn: 'arn:aws:iam::123456789012:role/AuditRole',
      auditNotificationTargetConfigurations: { SNS: { targetArn: 'arn:aws:sns:us-east-1:123456789012:audit', roleArn: 'arn:aws:iam::123456789012:role/Notify', enabled: true } },
      auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '60' } }, LOGGING_DISABLED_CHECK: { enabled: 'yes' } },
    },
    scheduledAudits: { weekly: { frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK'] } },
    suppressions: [
      { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'accepted' },
      { checkName: 42 },
    ],
  }));
  assert.deepEqual(model.auditConfiguration, {
    path: ['auditConfiguration'],
    roleArn: 'arn:aws:iam::123456789012:role/AuditRole',
    auditNotificationTargetConfigurations: { SNS: { targetArn: 'arn:aws:sns:us-east-1:123456789012:audit', roleArn: 'arn:aws:iam::123456789012:role/Notify', enabled: true } },
    auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true, configuration: { CERT_EXPIRATION_THRESHOLD_IN_DAYS: '60' } }, LOGGING_DISABLED_CHECK: {} },
  });
  assert.deepEqual(model.scheduledAudits, [{ name: 'weekly', frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK'], path: ['scheduledAudits', 'weekly'] }]);
  assert.deepEqual(model.suppressions, [{ checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'accepted', path: ['suppressions', 0] }]);
});
