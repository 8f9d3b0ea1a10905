/**
 * MITIGATIONS_VSCODE_SPECS: which spec files of the VS Code suite run, by their prefix, e.g.
 * "13,14" or "03b,08" (unset or empty: all of them). No VS Code import, so plain Node tests it.
 */

/** "08-real-account.js" → "08"; "03b-rehearsal.js" → "03b". */
function prefixOf(file: string): string {
  return file.split('-')[0];
}

/** The spec files to run, in the order given: every one, or those whose prefix the filter names. An unknown prefix is an error, never an empty run. */
export function selectSpecs(files: readonly string[], filter: string | undefined): string[] {
  const wanted = (filter ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  if (!wanted.length) return [...files];
  const prefixes = [...new Set(files.map(prefixOf))];
  const unknown = wanted.filter((prefix) => !prefixes.includes(prefix));
  if (unknown.length) throw new Error(`MITIGATIONS_VSCODE_SPECS names no spec file for ${unknown.join(', ')}; the prefixes are ${prefixes.join(', ')}.`);
  return files.filter((file) => wanted.includes(prefixOf(file)));
}
