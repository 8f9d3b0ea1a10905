// Task details webview: asks the extension for the page of executions the filter, the sort and
// the pager call for, and swaps in the rows it renders. No libraries.
/* global acquireVsCodeApi, document, window */
(function () {
  const vscode = acquireVsCodeApi();
  const table = document.getElementById('executions');
  const filter = document.getElementById('filter');
  const heading = document.getElementById('executions-heading');
  const pager = document.getElementById('pager');
  const headers = Array.from(table.tHead.rows[0].cells);
  const sorted = headers.find((header) => header.hasAttribute('aria-sort'));
  const view = {
    filter: filter.value,
    sortColumn: sorted ? sorted.dataset.column : undefined,
    ascending: sorted ? sorted.getAttribute('aria-sort') === 'ascending' : true,
    page: Number(pager.dataset.page || 0),
  };
  let asked = 0;

  function ask(change) {
    Object.assign(view, change);
    asked += 1;
    vscode.postMessage({ type: 'view', view, request: asked });
  }

  function sortBy(column) {
    const ascending = view.sortColumn === column ? !view.ascending : true;
    for (const header of headers) header.removeAttribute('aria-sort');
    headers.find((header) => header.dataset.column === column).setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
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
    // Only the answer to the latest question: typing fast must not show an older filter's rows.
    if (message.type !== 'rows' || message.request !== asked) return;
    table.tBodies[0].innerHTML = message.rows;
    heading.innerHTML = message.heading;
    pager.innerHTML = message.pager;
    view.page = message.page;
    document.body.dataset.shown = String(message.request);
  });
})();
