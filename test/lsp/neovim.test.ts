/**
 * The same server through a second, non-VS Code client: Neovim's built-in LSP client, headless.
 * CI installs Neovim (Debian's 0.7); without it this suite fails and says how to get it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/service/languageService';
import { SERVER, exampleText } from './client';

/** Drives the server from inside Neovim and writes what it saw as JSON. */
const SCRIPT = String.raw`
local server, file, out = _G.server_path, _G.file_path, _G.out_path
local results = {}
local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.textDocument.completion.completionItem.snippetSupport = true
local client_id = vim.lsp.start_client({
  name = 'iot-mitigations',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  capabilities = capabilities,
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = {} })
  end,
})
vim.cmd('edit ' .. file)
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)
vim.wait(15000, function() return client.initialized and #vim.diagnostic.get(buf) > 0 end, 50)
results.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(results.diagnostics, { code = d.code, source = d.source, lnum = d.lnum, severity = d.severity, message = d.message })
end
local uri = vim.uri_from_bufnr(buf)
local function request(method, params)
  local response = client.request_sync(method, params, 10000, buf)
  if response == nil then return { timeout = true } end
  return { result = response.result, err = response.err and response.err.message or nil }
end
local function position_of(needle, shift)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for index, line in ipairs(lines) do
    local column = string.find(line, needle, 1, true)
    if column then return { line = index - 1, character = column - 1 + shift } end
  end
end
results.completion = request('textDocument/completion', { textDocument = { uri = uri }, position = position_of('"DEVICE_CERT_SHARED_CHECK"', 3) })
results.hover = request('textDocument/hover', { textDocument = { uri = uri }, position = position_of('"LOGGING_DISABLED_CHECK"', 3) })
results.definition = request('textDocument/definition', { textDocument = { uri = uri }, position = position_of('["TooManyGroups"]', 3) })
results.rename = request('textDocument/rename', { textDocument = { uri = uri }, position = position_of('["TooManyGroups"]', 3), newName = 'GroupsGalore' })
results.symbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
local f = io.open(out, 'w')
f:write(vim.fn.json_encode(results))
f:close()
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
`;

/** Accepts a multi-line completion the way Neovim's own client does: snippet to text, edit applied as-is. */
const ACCEPT_SCRIPT = String.raw`
local server, file, out = _G.server_path, _G.file_path, _G.out_path
local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.textDocument.completion.completionItem.snippetSupport = true
local client_id = vim.lsp.start_client({ name = 'iot-mitigations', cmd = { 'node', server, '--stdio' }, root_dir = vim.fn.fnamemodify(file, ':h'), capabilities = capabilities })
vim.cmd('edit ' .. file)
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)
vim.wait(15000, function() return client.initialized end, 50)
local uri = vim.uri_from_bufnr(buf)
local response = client.request_sync('textDocument/completion', { textDocument = { uri = uri }, position = { line = 2, character = 8 } }, 10000, buf)
local accepted = nil
for _, item in ipairs(response.result.items) do
  if item.label == 'PublishFindingToSNS' then accepted = item end
end
local edit = accepted.textEdit
if accepted.insertTextFormat == 2 then edit.newText = vim.lsp.util.parse_snippet(edit.newText) end
vim.lsp.util.apply_text_edits({ edit }, buf, 'utf-16')
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({ lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false), insertTextMode = accepted.insertTextMode }))
f:close()
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
`;

/** Runs a Lua driver in headless Neovim on a file with `text`; returns what it wrote. */
function driveNeovim(script: string, name: string, text: string): unknown {
  const directory = mkdtempSync(join(tmpdir(), 'mitigations-nvim-'));
  try {
    const file = join(directory, name);
    const out = join(directory, 'results.json');
    writeFileSync(file, text);
    writeFileSync(join(directory, 'drive.lua'), script);
    const setup = `lua _G.server_path = ${JSON.stringify(SERVER)}; _G.file_path = ${JSON.stringify(file)}; _G.out_path = ${JSON.stringify(out)}`;
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', setup, '-c', `luafile ${join(directory, 'drive.lua')}`], { encoding: 'utf8', timeout: 50_000 });
    assert.equal(run.status, 0, `nvim failed: ${run.stderr || run.stdout}`);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function nvimVersion(): string | undefined {
  const result = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0] : undefined;
}

describe('language server in Neovim (headless)', { timeout: 60_000 }, () => {
  let directory: string;
  let results: Record<string, { result?: unknown; err?: string; timeout?: boolean } & unknown[]>;

  before(() => {
    const version = nvimVersion();
    assert.ok(version, 'Neovim is not installed: `apt-get install -y neovim` (CI installs it) to run this suite.');
    directory = mkdtempSync(join(tmpdir(), 'mitigations-nvim-'));
    const file = join(directory, 'mistakes.mitigation.json');
    const out = join(directory, 'results.json');
    writeFileSync(file, exampleText('mistakes.mitigation.json'));
    writeFileSync(join(directory, 'drive.lua'), SCRIPT);
    const setup = `lua _G.server_path = ${JSON.stringify(SERVER)}; _G.file_path = ${JSON.stringify(file)}; _G.out_path = ${JSON.stringify(out)}`;
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', setup, '-c', `luafile ${join(directory, 'drive.lua')}`], { encoding: 'utf8', timeout: 50_000 });
    assert.equal(run.status, 0, `nvim failed: ${run.stderr || run.stdout}`);
    results = JSON.parse(readFileSync(out, 'utf8'));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('shows the diagnostics with source and code', () => {
    const diagnostics = results.diagnostics as unknown as { code: string; source: string }[];
    assert.ok(diagnostics.length >= 20, `got ${diagnostics.length} diagnostics`);
    assert.ok(diagnostics.every((d) => d.source === 'mitigations'));
    assert.ok(diagnostics.some((d) => d.code === 'unknown-check'));
  });

  it('completes check names', () => {
    const completion = results.completion.result as { items: { label: string }[] };
    assert.ok(completion.items.some((item) => item.label === 'DEVICE_CERTIFICATE_SHARED_CHECK'));
  });

  it('hovers, goes to definition, renames and outlines', () => {
    assert.match((results.hover.result as { contents: { value: string } }).contents.value, /LOGGING_DISABLED_CHECK/);
    assert.ok(results.definition.result, 'definition found');
    const changes = (results.rename.result as { changes: Record<string, unknown[]> }).changes;
    assert.equal(Object.values(changes)[0].length, 2, 'the definition and its one reference');
    assert.deepEqual((results.symbols.result as { name: string }[]).map((s) => s.name), ['$schema', 'description', 'actions', 'tasks']);
  });
});

describe('completion accepted in Neovim (inserted as-is)', { timeout: 60_000 }, () => {
  it('keeps the line\'s indentation and the file\'s unit, and the result validates', async () => {
    assert.ok(nvimVersion(), 'Neovim is not installed: `apt-get install -y neovim` (CI installs it) to run this suite.');
    const text = '{\n    "actions": {\n        \n    },\n    "tasks": {}\n}\n';
    const seen = driveNeovim(ACCEPT_SCRIPT, 'new.mitigation.json', text) as { lines: string[]; insertTextMode: number };
    assert.equal(seen.insertTextMode, 1, 'asIs');
    const lines = seen.lines.slice(2, 11);
    assert.deepEqual(lines.map((line) => /^ */.exec(line)![0].length), [8, 12, 12, 16, 20, 16, 12, 8, 4], seen.lines.join('\n'));
    const diagnostics = await getLanguageService().doValidation(TextDocument.create('file:///nvim.mitigation.json', 'mitigation-json', 1, seen.lines.join('\n')));
    assert.deepEqual(diagnostics, []);
  });
});
