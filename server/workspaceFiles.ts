/**
 * The mitigation files of the workspace folders on disk, found without blocking the server:
 * the workspace index starts from them, and file events keep it current afterwards.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A workspace with more files than this is indexed only in part (and says so in the log). */
export const MAX_INDEXED_FILES = 20_000;
const MITIGATION_FILE = /\.mitigation\.json$/;
const SKIPPED = new Set(['node_modules']);

/** File URIs of every `*.mitigation.json` under the folders (skipping node_modules and dot-directories). */
export async function findMitigationFiles(folderUris: readonly string[], limit = MAX_INDEXED_FILES): Promise<string[]> {
  const found: string[] = [];
  const pending = folderUris.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
  while (pending.length && found.length < limit) {
    const directory = pending.pop()!;
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      continue; // unreadable or gone: nothing to index there
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name) && !entry.name.startsWith('.')) pending.push(join(directory, entry.name));
      else if (entry.isFile() && MITIGATION_FILE.test(entry.name) && found.length < limit) found.push(pathToFileURL(join(directory, entry.name)).toString());
    }
  }
  return found;
}

/** A file's text, or undefined when it cannot be read (deleted meanwhile, no permission). */
export async function readFileText(uri: string): Promise<string | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return await readFile(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}
