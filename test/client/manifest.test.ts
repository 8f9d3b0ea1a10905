/**
 * The extension manifest against the code: every command is registered, every setting the
 * code reads is declared with a description and bounds, every %key% is in package.nls.json,
 * and l10n/bundle.l10n.json holds every vscode.l10n.t string.
 * Run with UPDATE_L10N=1 to rewrite the bundle after changing strings.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}
const clientCode = sources(join(root, 'client')).map((file) => readFileSync(file, 'utf8')).join('\n');

interface Property { description?: string; markdownDescription?: string; enum?: string[]; enumDescriptions?: string[]; type: string; minimum?: number; maximum?: number }
const properties: Record<string, Property> = pkg.contributes.configuration.properties;

test('every contributed command is registered, in the one category', () => {
  const lspProtocol = readFileSync(join(root, 'common', 'lspProtocol.ts'), 'utf8');
  for (const { command, category } of pkg.contributes.commands as { command: string; category: string }[]) {
    assert.equal(category, '%command.category%', command);
    const registered = clientCode.includes(`'${command}'`) || new RegExp(`_COMMAND = '${command.replace('.', '\\.')}'`).test(lspProtocol);
    assert.ok(registered, `${command} is not registered in client/`);
  }
  assert.equal(nls['command.category'], 'Mitigations');
});

test('node-only commands are hidden from the command palette', () => {
  const hidden = new Set((pkg.contributes.menus.commandPalette as { command: string; when: string }[]).filter((entry) => entry.when === 'false').map((entry) => entry.command));
  for (const command of ['mitigations.loadMore', 'mitigations.copyActionArn', 'mitigations.deleteAction', 'mitigations.describeAction']) assert.ok(hidden.has(command), command);
});

test('settings live under mitigations. with descriptions, enum descriptions and bounds', () => {
  for (const [key, property] of Object.entries(properties)) {
    assert.ok(key.startsWith('mitigations.'), key);
    assert.ok(property.description ?? property.markdownDescription, `${key} has no description`);
    if (property.enum) assert.equal(property.enumDescriptions?.length, property.enum.length, `${key} enumDescriptions`);
    if (property.type === 'integer') assert.ok(property.minimum !== undefined && property.maximum !== undefined, `${key} bounds`);
  }
  // Every setting the code reads is declared.
  const read = [...clientCode.matchAll(/\.get<[^>]+>\('([\w.]+)'/g)].map((match) => `mitigations.${match[1]}`);
  assert.ok(read.length >= 8);
  for (const key of read) assert.ok(properties[key], `${key} is read but not declared`);
  assert.ok(properties['mitigations.trace.server']);
});

test('activation is implicit and untrusted workspaces are limited', () => {
  assert.ok(!(pkg.activationEvents as string[]).includes('*'));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('mitigations.endpoint'));
  const views = new Set(pkg.contributes.views.mitigations.map((view: { id: string }) => view.id));
  for (const welcome of pkg.contributes.viewsWelcome) assert.ok(views.has(welcome.view), welcome.view);
});

test('every %key% of the manifest is in package.nls.json, and nothing else', () => {
  const keys = [...JSON.stringify(pkg).matchAll(/"%([\w.]+)%"/g)].map((match) => match[1]);
  for (const key of keys) assert.ok(nls[key] !== undefined, `${key} missing from package.nls.json`);
  assert.deepEqual(Object.keys(nls).filter((key) => !keys.includes(key)), []);
});

test('links in welcome views and the walkthrough run contributed commands', () => {
  const commands = new Set((pkg.contributes.commands as { command: string }[]).map((entry) => entry.command));
  const views = (pkg.contributes.views.mitigations as { id: string }[]).map((view) => `${view.id}.focus`);
  const text = JSON.stringify(nls);
  const linked = [...text.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]);
  assert.ok(linked.length >= 8);
  for (const command of linked) assert.ok(commands.has(command) || views.includes(command), command);
  for (const walkthrough of pkg.contributes.walkthroughs) {
    for (const step of walkthrough.steps) assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
  }
});

/** The string literals passed to vscode.l10n.t in client/. */
function l10nStrings(): string[] {
  const found = new Set<string>();
  for (const match of clientCode.matchAll(/l10n\.t\(\s*'((?:\\.|[^'\\])*)'/g)) {
    found.add(match[1].replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char)));
  }
  return [...found].sort();
}

test('l10n/bundle.l10n.json holds every vscode.l10n.t string', () => {
  const bundlePath = join(root, 'l10n', 'bundle.l10n.json');
  const expected = Object.fromEntries(l10nStrings().map((text) => [text, text]));
  if (process.env.UPDATE_L10N === '1') writeFileSync(bundlePath, `${JSON.stringify(expected, null, 2)}\n`);
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  assert.deepEqual(bundle, expected, 'run UPDATE_L10N=1 node scripts/test.mjs test/client/manifest.test.ts');
  assert.ok(Object.keys(expected).length > 50);
  assert.equal(pkg.l10n, './l10n');
});
