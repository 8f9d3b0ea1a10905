// Task details webview: sorting, filtering and messages back to the extension. No libraries.
/* global acquireVsCodeApi, document */
(function () {
  const vscode = acquireVsCodeApi();
  const table = document.getElementById('executions');
  const filter = document.getElementById('filter');
  const state = vscode.getState() || { filter: '', sortColumn: -1, ascending: true };

  function rows() {
    return Array.from(table.tBodies[0].rows).filter((row) => row.cells.length > 1);
  }

  function applyFilter() {
    const needle = filter.value.trim().toLowerCase();
    for (const row of rows()) row.hidden = needle !== '' && !row.textContent.toLowerCase().includes(needle);
    vscode.setState({ ...state, filter: filter.value });
  }

  function sortBy(column, ascending) {
    const body = table.tBodies[0];
    const sorted = rows().sort((a, b) => {
      const left = a.cells[column].textContent;
      const right = b.cells[column].textContent;
      return (ascending ? 1 : -1) * left.localeCompare(right, undefined, { numeric: true });
    });
    for (const row of sorted) body.appendChild(row);
    for (const header of table.tHead.rows[0].cells) header.removeAttribute('aria-sort');
    table.tHead.rows[0].cells[column].setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    state.sortColumn = column;
    state.ascending = ascending;
    vscode.setState({ ...state, filter: filter.value });
  }

  for (const header of table.tHead.rows[0].cells) {
    const column = Number(header.dataset.sort);
    const toggle = () => sortBy(column, state.sortColumn === column ? !state.ascending : true);
    header.addEventListener('click', toggle);
    header.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle();
      }
    });
  }
  filter.addEventListener('input', applyFilter);
  table.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-finding]');
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ type: 'showFinding', findingId: link.dataset.finding });
  });
  document.getElementById('open-json').addEventListener('click', () => vscode.postMessage({ type: 'openJson' }));

  filter.value = state.filter || '';
  if (state.sortColumn >= 0) sortBy(state.sortColumn, state.ascending);
  applyFilter();
})();
