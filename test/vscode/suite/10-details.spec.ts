import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { buildFleetTask, type FleetTask } from '../../journey/fleetTask';
import type { ExecutionView, ViewPage } from '../../../client/tasks/model/executionRows';
import type { RowsMessage } from '../../../client/tasks/taskDetailsPanel';
import { api, waitFor } from '../helpers';

interface DetailsPanel {
  readonly html: string;
  readonly panel: vscode.WebviewPanel;
  readonly shown: ViewPage | undefined;
  readonly sent: RowsMessage | undefined;
  answer(view: ExecutionView, more: boolean, request: number): Promise<ViewPage | undefined>;
}

suite('Task details at fleet scale', () => {
  let fleet: FleetTask;
  let details: DetailsPanel;

  suiteSetup(async function () {
    this.timeout(120_000);
    const services = await api();
    fleet = await buildFleetTask(services.connections.emulator.url!, { things: 600, expiringPercent: 50, taskId: 'details-fleet', prefix: 'details' });
    // 300 generated, plus the demo fleet's own few expiring certificates.
    assert.ok(fleet.findings >= 300 && fleet.findings < 310, `${fleet.findings} findings`);
  });

  suiteTeardown(() => details?.panel.dispose());

  test('opens on one page of executions, with the chart and the counts from the task\'s statistics', async () => {
    details = (await vscode.commands.executeCommand<DetailsPanel>('mitigations.showTaskDetails', fleet.taskId))!;
    assert.equal(details.panel.visible, true);
    // One page of findings, or two when a suppressed finding (no execution) left the first short.
    const loaded = details.shown?.loaded ?? 0;
    assert.ok(loaded >= 100 && loaded < 300, `loaded ${loaded}: only the first page of findings was read`);
    assert.equal(details.shown?.rows.length, 100, 'one page of the table');
    // The page was drawn from the task before any row was read; the rows follow in a message.
    assert.ok(details.html.includes('<h2 id="executions-heading" aria-live="polite">Reading executions…</h2>'));
    const total = fleet.findings.toLocaleString('en-US');
    assert.ok(details.html.includes(`<dt>Findings</dt><dd>${total} of ${total} done</dd>`), 'the facts come from taskStatistics, not from the loaded rows');
    // Succeeded of all: the demo's suppressed finding is skipped.
    assert.match(details.html, new RegExp(`<div class="check-count" title="[^"]*succeeded[^"]*">[\\d,]+/${total}</div>`));
    // The webview says when its script listens, then gets the page of rows.
    const sent = await waitFor('the page of rows sent to the webview', () => (details.sent?.heading.startsWith(`${loaded} of`) ? details.sent : undefined));
    assert.equal(sent.heading, `${loaded} of ${loaded} executions loaded so far`);
    assert.equal((sent.rows.match(/<tr data-status=/g) ?? []).length, 100);
    assert.match(sent.pager, /id="load-more"/);
  });

  test('reads more on demand, and filters and sorts on the resource column', async () => {
    const first = details.shown!.loaded;
    const more = await details.answer({ filter: '', ascending: true, page: 0 }, true, 1);
    assert.ok((more?.loaded ?? 0) > first, `Load more reads the next page of findings (${first} → ${more?.loaded})`);
    const target = more!.rows[5];
    const filtered = await details.answer({ filter: target.resourceFull, ascending: true, page: 0 }, false, 2);
    assert.equal(filtered?.matching, 1, 'the whole certificate id finds its one execution');
    assert.equal(filtered?.rows[0].findingId, target.findingId);
    const sorted = await details.answer({ filter: 'details-fleet-notify', sortColumn: 'resourceFull', ascending: false, page: 0 }, false, 3);
    const ids = sorted!.rows.map((row) => row.resourceFull);
    // In natural order (digit runs as numbers), as the view sorts.
    const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    assert.deepEqual(ids, [...ids].sort((a, b) => natural.compare(b, a)));
    assert.equal(sorted?.matching, sorted?.loaded);
    // Paging past what is loaded reads up to that page.
    const third = await details.answer({ filter: '', ascending: true, page: 2 }, false, 4);
    assert.equal(third?.page, 2);
    assert.ok((third?.loaded ?? 0) >= 300, `loaded ${third?.loaded}`);
  });
});
