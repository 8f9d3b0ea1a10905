/**
 * The extension-host entry point of the VS Code suite: both runners (code-server and
 * @vscode/test-electron) load this file and await run().
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const suiteDir = join(__dirname, 'suite');
  // Files run in name order; the numbered prefixes make the journey read top to bottom.
  for (const file of readdirSync(suiteDir).filter((name) => name.endsWith('.js')).sort()) {
    mocha.addFile(join(suiteDir, file));
  }
  return new Promise((resolveRun, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolveRun()));
  });
}
