import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { REHEARSE_TASK_COMMAND } from '../../../common/lspProtocol';
import type { RehearsalPanel } from '../../../client/rehearsal/rehearsalPanel';
import type { RehearsalReport } from '../../../rehearsal/types';
import { api, emulatorState, stubWindow, workspaceFile } from '../helpers';

type Row = [string, Record<string, unknown>];

/** The bundled emulator's request log: what the rehearsal sent to the account it copied. */
async function requestsAfter(url: string, sequence: number): Promise<{ sequence: number; operation?: string; mutating: boolean }[]> {
  const response = await fetch(`${url}/_emulator/requests?after=${sequence}`);
  return ((await response.json()) as { requests: { sequence: number; operation?: string; mutating: boolean }[] }).requests;
}

suite('Rehearse a task on a local twin', () => {
  test('the command (the CodeLens "Rehearse") asks for the audit, predicts every finding and shows the report, reading the account only', async () => {
    const services = await api();
    const url = services.connections.emulator.url ?? (await services.connections.connection()).endpoint!;
    const before = await emulatorState(services);
    const last = await fetch(`${url}/_emulator/requests?after=999999999`).then(async (response) => ((await response.json()) as { lastSequence: number }).lastSequence);
    const auditPick = stubWindow('showQuickPick', (items) => (items as vscode.QuickPickItem[])[0]);
    let view: RehearsalPanel | undefined;
    try {
      view = await vscode.commands.executeCommand<RehearsalPanel>(REHEARSE_TASK_COMMAND, workspaceFile('quarantine.mitigation.json').toString(), 'quarantine-shared');
    } finally {
      auditPick.restore();
    }
    assert.ok(view, 'the command returns the view of the report it shows');
    const report = view.currentReport;
    assert.equal(auditPick.calls.length, 1, 'the task leaves the audit open, so the user picks one, as for Start');
    assert.equal(report.taskStatus, 'COMPLETED');
    const shared = report.findings.find((finding) => finding.checkName === 'DEVICE_CERTIFICATE_SHARED_CHECK');
    assert.ok(shared);
    assert.deepEqual(shared.executions.map((execution) => `${execution.actionName} ${execution.status}`), ['NotifySecurityTeam COMPLETED', 'QuarantineDevice COMPLETED', 'DeactivateDeviceCertificate COMPLETED']);
    assert.ok(shared.changes.some((change) => change.kind === 'certificate' && change.change === 'ACTIVE → INACTIVE'));
    assert.ok(shared.changes.some((change) => change.kind === 'thing' && change.change === 'joins Quarantine'));

    const requests = await requestsAfter(url, last);
    assert.ok(requests.length > 5);
    assert.deepEqual(requests.filter((request) => request.mutating || !/^(Describe|List|Get)/.test(request.operation ?? '')), [], 'only reads reached the account');
    const after = await emulatorState(services);
    for (const table of ['certificates', 'things', 'mitigationTasks', 'snsMessages'] as const) assert.deepEqual(after[table], before[table], `${table} unchanged by the rehearsal`);
    const certificateId = String((shared.resource.match(/[a-f0-9]{64}/) ?? [''])[0]);
    assert.equal((after.certificates as Row[]).find(([id]) => id === certificateId)?.[1].status, 'ACTIVE');

    assert.match(view.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'">/);
    assert.match(view.html, /<h1>Rehearsal of quarantine-shared<\/h1>/);
    assert.match(view.html, /What the twin cannot know/);
    assert.match(view.html, /ACTIVE → INACTIVE/);
    const json = await view.openJson();
    assert.equal(json.document.uri.path, '/quarantine-shared.rehearsal.json');
    assert.equal((JSON.parse(json.document.getText()) as RehearsalReport).findings.length, report.findings.length);
    view.panel.dispose();
  });

  test('a file with errors is not rehearsed: its errors are listed, with Show Problems', async () => {
    const errors = stubWindow('showErrorMessage', () => undefined);
    try {
      const report = await vscode.commands.executeCommand(REHEARSE_TASK_COMMAND, workspaceFile('mistake.mitigation.json').toString(), 'anything', 'someaudit');
      assert.equal(report, undefined);
    } finally {
      errors.restore();
    }
    assert.equal(errors.calls.length, 1);
    assert.match(String(errors.calls[0][0]), /mistake\.mitigation\.json has \d+ errors?; fix (it|them) before rehearsing:\n {2}mistake\.mitigation\.json:\d+:\d+: /);
    assert.ok(errors.calls[0].includes('Show Problems'));
  });
});
