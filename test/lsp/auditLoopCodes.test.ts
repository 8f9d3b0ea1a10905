/**
 * The audit loop's problem codes over stdio with a real LSP client: a file that sets off each
 * code once gets exactly those diagnostics (code, severity, range, message), and a quick fix
 * for one of them, applied as an editor applies it, leaves a file without that problem and
 * with every other one still in place.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeActionRequest, DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { useLanguageServer } from './client';
import { AUDIT_LOOP_CODES, AUDIT_LOOP_PROBLEMS_TEXT, expectedAuditLoopProblems, type ExpectedProblem } from './auditLoopProblems';

const SEVERITIES: Record<ExpectedProblem['severity'], DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning };

const expected = (problem: ExpectedProblem) => ({
  code: problem.code,
  severity: SEVERITIES[problem.severity],
  range: { start: { line: problem.line, character: problem.character }, end: { line: problem.line, character: problem.endCharacter } },
  message: problem.message,
});
const published = (diagnostic: Diagnostic) => ({ code: diagnostic.code, severity: diagnostic.severity, range: diagnostic.range, message: diagnostic.message });

describe('the audit loop\'s problem codes (LSP over stdio)', { timeout: 60_000 }, () => {
  const server = useLanguageServer();
  const today = () => new Date().toISOString().slice(0, 10);

  it('publishes each code once, with its range and message', async () => {
    const problems = expectedAuditLoopProblems(today());
    assert.deepEqual([...new Set(problems.map((problem) => problem.code))].sort(), [...AUDIT_LOOP_CODES].sort(), 'the file sets off every code of the audit loop');
    const uri = 'file:///workspace/audit-loop-problems.mitigation.json';
    await server.client.open(uri, AUDIT_LOOP_PROBLEMS_TEXT);
    const diagnostics = await server.client.diagnosticsFor(uri);
    assert.deepEqual(diagnostics.map(published), problems.map(expected));
  });

  it('offers the quick fix for schedule-day, and the fixed file has every problem but that one', async () => {
    const uri = 'file:///workspace/audit-loop-fix.mitigation.json';
    await server.client.open(uri, AUDIT_LOOP_PROBLEMS_TEXT);
    const diagnostics = await server.client.diagnosticsFor(uri);
    const scheduleDay = diagnostics.find((diagnostic) => diagnostic.code === 'schedule-day');
    assert.ok(scheduleDay, 'schedule-day is published');
    const actions = await server.client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri }, range: scheduleDay.range, context: { diagnostics: [scheduleDay], only: ['quickfix'] } });
    const fix = actions.find((action) => action.title === 'Remove dayOfMonth (WEEKLY does not run on it)');
    assert.ok(fix, `offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics?.map((diagnostic) => diagnostic.code), ['schedule-day']);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'mitigation-json', 1, AUDIT_LOOP_PROBLEMS_TEXT), fix.edit!.changes![uri] as TextEdit[]);
    const weekly = (JSON.parse(fixed) as { scheduledAudits: Record<string, unknown> }).scheduledAudits.weekly;
    assert.deepEqual(weekly, { frequency: 'WEEKLY', dayOfWeek: 'MON', targetCheckNames: ['LOGGING_DISABLED_CHECK', 'LOGGING_DISABLED_CHECK'] });

    // The editor sends the edit as a change. Rules on the token the edit lies in may wait for the
    // typing pause, so the version's last publication is the one with every problem (or, if
    // none comes, the latest one, for the comparison below to show what differs).
    const version = await server.client.change(uri, fixed);
    const stillThere = expectedAuditLoopProblems(today()).filter((problem) => problem.code !== 'schedule-day');
    const after = await server.client.diagnosticsFor(uri, (params) => params.version === version && params.diagnostics.length === stillThere.length)
      .catch(() => server.client.publications(uri).at(-1)?.diagnostics ?? []);
    const fixedDocument = TextDocument.create(uri, 'mitigation-json', version, fixed);
    assert.deepEqual(after.map((diagnostic) => [diagnostic.code, fixedDocument.getText(diagnostic.range), diagnostic.message]), stillThere.map((problem) => [problem.code, AUDIT_LOOP_PROBLEMS_TEXT.split('\n')[problem.line].slice(problem.character, problem.endCharacter), problem.message]));
  });
});
