// The licences of the packages bundled into dist/*.js, in one file that ships beside them (the
// bundles are minified without their legal comments, so this file is where the notices live).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i;
/** A copyright line of a licence file, not the Apache appendix's template ("Copyright [yyyy] ..."). */
const COPYRIGHT = /^\s*copyright\s+(?![[{]yyyy)(?:\(c\)|©|\d)/i;

/** Each package folder (the one holding its package.json) that put code into an output. */
function bundledPackages(outputs) {
  const folders = new Set();
  for (const output of Object.values(outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      // esbuild writes metafile paths with forward slashes on every platform.
      const at = input.lastIndexOf('node_modules/');
      if (bytesInOutput === 0 || at < 0) continue;
      const parts = input.slice(at + 'node_modules/'.length).split(/[\\/]/);
      folders.add(input.slice(0, at + 'node_modules/'.length) + parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/'));
    }
  }
  return [...folders];
}

function describePackage(folder) {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const file = existsSync(folder) ? readdirSync(folder).find((name) => LICENCE_FILE.test(name)) : undefined;
  const text = file ? readFileSync(join(folder, file), 'utf8').replace(/\r\n/g, '\n').trim() : undefined;
  const copyrights = text ? text.split('\n').filter((line) => COPYRIGHT.test(line)).map((line) => line.trim()) : [];
  return { name: manifest.name, version: manifest.version, licence: manifest.license ?? 'UNKNOWN', text, copyrights };
}

/** Writes the notices for `outputs` (an esbuild metafile's) to `file`; returns how many packages. */
export function writeThirdPartyNotices(outputs, file) {
  const packages = bundledPackages(outputs).map(describePackage).sort((a, b) => a.name.localeCompare(b.name));
  const byLicence = new Map();
  for (const bundled of packages) byLicence.set(bundled.licence, [...(byLicence.get(bundled.licence) ?? []), bundled]);
  const sections = [...byLicence].sort(([a], [b]) => a.localeCompare(b)).map(([licence, members]) => {
    const listed = members.map((bundled) => `- ${bundled.name} ${bundled.version}${bundled.copyrights.length ? `: ${[...new Set(bundled.copyrights)].join('; ')}` : bundled.text ? '' : ' (ships no licence file; its package.json names the licence)'}`);
    const sample = members.find((bundled) => bundled.text);
    const text = sample ? `The ${licence} licence, as ${sample.name} ships it:\n\n${sample.text}` : `No package of this group ships its licence text; see https://spdx.org/licenses/${licence}.html.`;
    return `${'='.repeat(78)}\n${licence}\n${'='.repeat(78)}\n\n${listed.join('\n')}\n\n${text}\n`;
  });
  const header = 'Third-party notices\n\nThe files in dist/ bundle code of the following packages, under the licences below.\n\n';
  writeFileSync(file, header + sections.join('\n'));
  return packages.length;
}
