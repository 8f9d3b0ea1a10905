// Task details webview: asks the extension for the page of executions the filter, the sort and
// the pager call for, and swaps in the rows it renders. The page arrives before its rows: the
// script says when it listens (on every load: a hidden webview loads again when shown) and keeps
// the view in the webview's state, so a reload asks for the same filter, sort and page. No libraries.
/* global acquireVsCodeApi, document, window */
(function () {
  const vscode = acquireVsCodeApi();
  const table = document.getElementById('executions');
  const filter = document.getElementById('filter');
  const heading = document.getElementById('executions-heading');
  const pager = document.getElementById('pager');
  const headers = Array.from(table.tHead.rows[0].cells);
  const sorted = headers.find((header) => header.hasAttribute('aria-sort'));
  const view = vscode.getState() || {
    filter: filter.value,
    sortColumn: sorted ? sorted.dataset.column : undefined,
    ascending: sorted ? sorted.getAttribute('aria-sort') === 'ascending' : true,
    page: Number(pager.dataset.page || 0),
  };
  filter.value = view.filter;
  markSorted(view.sortColumn, view.ascending);
  let asked = 0;

  function markSorted(column, ascending) {
    for (const header of headers) {
      if (header.dataset.column === column) header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      else header.removeAttribute('aria-sort');
    }
  }

  function ask(change) {
    Object.assign(view, change);
    vscode.setState(view);
    asked += 1;
    vscode.postMessage({ type: 'view', view, request: asked });
  }

  function sortBy(column) {
    const ascending = view.sortColumn === column ? !view.ascending : true;
    markSorted(column, ascending);
    ask({ sortColumn: column, ascending, page: 0 });
  }

  for (const header of headers) {
    header.addEventListener('click', () => sortBy(header.dataset.column));
    header.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        sortBy(header.dataset.column);
      }
    });
  }
  filter.addEventListener('input', () => ask({ filter: filter.value, page: 0 }));
  pager.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button || button.disabled) return;
    if (button.id === 'previous-page') ask({ page: view.page - 1 });
    if (button.id === 'next-page') ask({ page: view.page + 1 });
    if (button.id === 'load-more') vscode.postMessage({ type: 'loadMore', view, request: ++asked });
  });
  table.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-finding]');
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ type: 'showFinding', findingId: link.dataset.finding });
  });
  document.getElementById('open-json').addEventListener('click', () => vscode.postMessage({ type: 'openJson' }));

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'task') {
      document.getElementById('task-facts').innerHTML = message.facts;
      document.getElementById('task-chart').innerHTML = message.chart;
    }
    // Only the answer to the latest question: typing fast must not show an older filter's rows.
    if (message.type !== 'rows' || message.request !== asked) return;
    table.tBodies[0].innerHTML = message.rows;
    heading.innerHTML = message.heading;
    pager.innerHTML = message.pager;
    view.page = message.page;
    vscode.setState(view);
    document.body.dataset.shown = String(message.request);
  });
  vscode.postMessage({ type: 'ready', view, request: asked });
})();
