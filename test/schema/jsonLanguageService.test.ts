/**
 * The schema as VS Code's own JSON language service sees it (vscode-json-languageservice, the
 * engine behind jsonValidation): the messages, hovers and completions plain-JSON users get.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { DiagnosticSeverity, getLanguageService, type Diagnostic, type LanguageService, TextDocument } from 'vscode-json-languageservice';
import { ACTION_TYPES, AUDIT_CHECKS, LEGACY_CHECK_ALIASES } from '../../common';
import { EXAMPLES, MISTAKES_EXAMPLE, SCHEMA_FILE, exampleFiles } from './helpers';

const SCHEMA_URI = pathToFileURL(SCHEMA_FILE).toString();

function languageService(): LanguageService {
  const service = getLanguageService({
    // Resolves "$schema": "../schemas/mitigation.schema.json" the way VS Code does, from disk.
    schemaRequestService: async (uri) => readFileSync(fileURLToPath(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relativePath, resource) => new URL(relativePath, resource).toString() },
  });
  service.configure({ validate: true, allowComments: true, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.mitigation.json', '*.cli-input.json'] }] });
  return service;
}

const service = languageService();

/** Documents live next to the examples so relative $schema paths resolve. */
function documentFor(text: string, name = 'probe.mitigation.json'): TextDocument {
  return TextDocument.create(pathToFileURL(`${EXAMPLES}/${name}`).toString(), 'jsonc', 1, text);
}

async function diagnostics(text: string, name?: string): Promise<Diagnostic[]> {
  const document = documentFor(text, name);
  return service.doValidation(document, service.parseJSONDocument(document), { comments: 'ignore', trailingCommas: 'error' });
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function describeDiagnostics(found: readonly Diagnostic[]): string {
  return found.map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${messageOf(diagnostic)}`).join('\n');
}

/** The position of the first occurrence of `needle` (plus `offset` characters). */
function positionOf(document: TextDocument, needle: string, offset = 0) {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} not in document`);
  return document.positionAt(index + offset);
}

describe('VS Code JSON language service', () => {
  for (const example of exampleFiles().filter((candidate) => candidate.name !== MISTAKES_EXAMPLE)) {
    test(`${example.name} has no diagnostics`, async () => {
      // CLI input files carry no $schema; associate them by name as a user's json.schemas setting would.
      const name = example.name.startsWith('cli-input/') ? example.name.replace('cli-input/', '').replace('.json', '.cli-input.json') : example.name;
      const found = await diagnostics(example.text, name);
      assert.deepEqual(found, [], describeDiagnostics(found));
    });
  }

  test(`${MISTAKES_EXAMPLE} gets domain-worded messages, not regex dumps`, async () => {
    const example = exampleFiles().find((candidate) => candidate.name === MISTAKES_EXAMPLE)!;
    const found = await diagnostics(example.text, MISTAKES_EXAMPLE);
    const messages = found.map(messageOf);
    assert.ok(messages.some((message) => message.includes('MitigationActionName may only contain letters, digits')), describeDiagnostics(found));
    assert.ok(messages.some((message) => message.includes('AuditTaskId may only contain letters, digits and "-" (no "_")')), describeDiagnostics(found));
    assert.ok(messages.some((message) => message.includes('Not a Device Defender audit check name.')), describeDiagnostics(found));
    assert.ok(messages.some((message) => message.includes('A target names either findingIds, or an auditTaskId')), describeDiagnostics(found));
    assert.ok(!messages.some((message) => /does not match the pattern/.test(message)), describeDiagnostics(found));
    // The legacy alias is flagged as deprecated with the API name to use.
    const legacy = found.find((diagnostic) => messageOf(diagnostic).includes('REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK'));
    assert.ok(legacy, describeDiagnostics(found));
    assert.equal(legacy.severity, DiagnosticSeverity.Warning);
  });

  test('hover on a check name shows its severity and mitigation types', async () => {
    const document = documentFor('{ "tasks": { "t": { "target": {}, "auditCheckToActionsMapping": { "LOGGING_DISABLED_CHECK": ["A"] } } } }');
    const hover = await service.doHover(document, positionOf(document, 'LOGGING_DISABLED_CHECK', 3), service.parseJSONDocument(document));
    const text = JSON.stringify(hover?.contents);
    const check = AUDIT_CHECKS.find((candidate) => candidate.name === 'LOGGING_DISABLED_CHECK')!;
    assert.ok(text.includes(check.description), text);
    assert.ok(text.includes('ENABLE_IOT_LOGGING') && text.includes('LOW'), text);
  });

  test('completion of check names offers every API check and hides the legacy aliases', async () => {
    const text = '{ "tasks": { "t": { "target": {}, "auditCheckToActionsMapping": {  } } } }';
    const document = documentFor(text);
    const list = await service.doComplete(document, positionOf(document, '{  }', 2), service.parseJSONDocument(document));
    const labels = (list?.items ?? []).map((item) => item.label);
    for (const check of AUDIT_CHECKS) assert.ok(labels.includes(check.name), `${check.name} not offered: ${labels.join(', ')}`);
    for (const alias of Object.keys(LEGACY_CHECK_ALIASES)) assert.ok(!labels.includes(alias), `${alias} offered`);
  });

  test('completion inside actionParams offers a snippet per action type', async () => {
    const text = '{ "actions": { "A": { "roleArn": "arn:aws:iam::123456789012:role/R", "actionParams":  } } }';
    const document = documentFor(text);
    const list = await service.doComplete(document, positionOf(document, '"actionParams": ', '"actionParams": '.length), service.parseJSONDocument(document));
    const labels = (list?.items ?? []).map((item) => item.label);
    for (const info of ACTION_TYPES) assert.ok(labels.includes(info.type), `${info.type} not offered: ${labels.join(', ')}`);
  });

  test('a CLI start document is checked as one', async () => {
    const found = await diagnostics('{ "taskId": "t 1", "target": {}, "auditCheckToActionsMapping": { "LOGGING_DISABLED_CHECK": ["A"] } }', 'start.cli-input.json');
    const messages = found.map(messageOf).join('\n');
    assert.match(messages, /MitigationActionsTaskId may only contain/);
    assert.match(messages, /Missing property "(auditTaskId|findingIds)"/);
  });
});
