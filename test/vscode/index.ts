/**
 * The extension-host entry point of the VS Code suite: both runners (code-server and
 * @vscode/test-electron) load this file and await run(). MITIGATIONS_VSCODE_SPECS, inherited
 * from the runner's environment, runs only some spec files (specFilter.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { selectSpecs } from './specFilter';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const suiteDir = join(__dirname, 'suite');
  // Files run in name order; the numbered prefixes make the journey read top to bottom.
  const files = readdirSync(suiteDir).filter((name) => name.endsWith('.js')).sort();
  const filter = process.env.MITIGATIONS_VSCODE_SPECS;
  let selected: string[];
  try {
    selected = selectSpecs(files, filter);
  } catch (error) {
    return Promise.reject(error);
  }
  if (selected.length < files.length) console.log(`MITIGATIONS_VSCODE_SPECS=${filter}: running ${selected.join(', ')} of ${files.length} spec files`);
  for (const file of selected) mocha.addFile(join(suiteDir, file));
  return new Promise((resolveRun, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolveRun()));
  });
}
