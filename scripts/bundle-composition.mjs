// What each bundle is made of: `node scripts/build.mjs --production --metafile FILE`, then
// `node scripts/bundle-composition.mjs FILE [top]`. Per bundle: its minified size, its size
// deflated alone (as the .vsix stores it), and its largest parts by package or source folder.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';

const [file, top = '8'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/bundle-composition.mjs METAFILE [top]');
  process.exit(2);
}
const { outputs } = JSON.parse(readFileSync(file, 'utf8'));

/** `@aws-sdk/client-iot`, `vscode-jsonrpc`, or the source folder (`client/`) an input belongs to. */
function partOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return input.startsWith('shared-') ? `(${input.split(':')[0]})` : `${input.split('/')[0]}/`;
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/');
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const [name, output] of Object.entries(outputs)) {
  if (!name.endsWith('.js')) continue;
  const parts = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
  const largest = [...parts].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
  console.log(`${name}: ${kib(output.bytes)} minified, ${kib(deflateRawSync(readFileSync(name), { level: 9 }).length)} deflated`);
  for (const [part, bytes] of largest) console.log(`  ${kib(bytes).padStart(10)}  ${part}`);
}
