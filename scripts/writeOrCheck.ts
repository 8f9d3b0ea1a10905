/**
 * The one main of every generator: write the generated file, or with --check (CI) compare it
 * with the committed one and fail when they differ, naming the command that regenerates it.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const CONSOLE: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Returns the exit code: 0 written or up to date, 1 stale under --check. */
export function writeOrCheck(path: string, generated: string, regenerate: string, args: readonly string[], output: Output = CONSOLE): number {
  if (!args.includes('--check')) {
    writeFileSync(path, generated);
    output.out(`Wrote ${path}`);
    return 0;
  }
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    // A missing file is drift too.
  }
  if (committed !== generated) {
    output.err(`${path} is out of date. Run: ${regenerate}`);
    return 1;
  }
  output.out(`${path} is up to date.`);
  return 0;
}
