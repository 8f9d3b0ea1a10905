/**
 * `iot-mitigations check [--format text|json] FILES|DIRS|GLOBS...`: the language server's
 * diagnostics for CI. Exit 0 when clean (warnings allowed), 1 on any error, 2 on a usage error
 * or an unreadable file.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LANGUAGE_ID } from '../common/lspProtocol';
import { getLanguageService } from '../server/service/languageService';

const USAGE = 'Usage: iot-mitigations check [--format text|json] FILES|DIRS|GLOBS...\n  Directories are searched for *.mitigation.json; globs support *, ** and ?.\n';
/** What a directory argument stands for. */
const DIRECTORY_FILE = /\.mitigation\.json$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

class UsageError extends Error {}

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const SEVERITY_WORDS: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function walk(directory: string, accept: (path: string) => boolean, found: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) walk(path, accept, found);
    } else if (entry.isFile() && accept(path)) {
      found.push(path);
    }
  }
}

/** A glob as a regular expression over "/"-separated paths: `**` spans directories, `*` and `?` do not. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') {
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else {
      source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Files named by the arguments, in order and without repeats. */
export function expandArguments(args: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      const normalized = arg.split(sep).join('/');
      const firstWild = normalized.search(/[*?]/);
      const base = normalized.slice(0, normalized.lastIndexOf('/', firstWild) + 1) || './';
      const root = resolve(cwd, base);
      const pattern = globToRegExp(resolve(cwd, normalized).split(sep).join('/'));
      const matches: string[] = [];
      try {
        walk(root, (path) => pattern.test(path.split(sep).join('/')), matches);
      } catch {
        // A base directory that does not exist simply matches nothing.
      }
      if (matches.length === 0) throw new UsageError(`No files match ${arg}.`);
      files.push(...matches);
      continue;
    }
    const path = resolve(cwd, arg);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`Cannot read ${arg}: no such file or directory.`);
    }
    if (stats.isDirectory()) {
      const found: string[] = [];
      walk(path, (file) => DIRECTORY_FILE.test(file), found);
      if (found.length === 0) throw new UsageError(`No *.mitigation.json files in ${arg}.`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return [...new Set(files)];
}

/** Paths under the working directory print relative to it (as compilers do), others in full. */
function displayName(file: string, cwd: string): string {
  const relativePath = relative(cwd, file);
  return relativePath && !relativePath.startsWith('..') ? relativePath : file;
}

interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

function parseOptions(argv: readonly string[]): { format: 'text' | 'json'; paths: string[] } {
  let format: 'text' | 'json' = 'text';
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : argv[++i];
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format takes "text" or "json", not ${value === undefined ? 'nothing' : `"${value}"`}.`);
      format = value;
    } else if (arg === '--help' || arg === '-h') {
      throw new UsageError('');
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option ${arg}.`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('Name at least one file, directory or glob.');
  return { format, paths };
}

export async function runCheckCli(argv: readonly string[], output: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, cwd = process.cwd()): Promise<number> {
  let files: string[];
  let format: 'text' | 'json';
  try {
    const options = parseOptions(argv);
    format = options.format;
    files = expandArguments(options.paths, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) output.err(`iot-mitigations check: ${error.message}\n`);
    output.err(USAGE);
    return 2;
  }
  const service = getLanguageService();
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      output.err(`iot-mitigations check: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      unreadable = true;
      continue;
    }
    const document = TextDocument.create(pathToFileURL(file).toString(), LANGUAGE_ID, 1, text);
    reports.push({ file: displayName(file, cwd), diagnostics: await service.doValidation(document) });
    service.forget(document.uri);
  }
  const count = (severity: DiagnosticSeverity) => reports.reduce((sum, report) => sum + report.diagnostics.filter((d) => d.severity === severity).length, 0);
  const errors = count(DiagnosticSeverity.Error);
  const warnings = count(DiagnosticSeverity.Warning);
  if (format === 'json') {
    const json = reports.map((report) => ({
      file: report.file,
      diagnostics: report.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY_WORDS[d.severity ?? DiagnosticSeverity.Error],
        code: d.code,
        message: d.message,
      })),
    }));
    output.out(`${JSON.stringify({ files: json, errors, warnings }, null, 2)}\n`);
  } else {
    for (const report of reports) {
      for (const d of report.diagnostics) {
        output.out(`${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_WORDS[d.severity ?? DiagnosticSeverity.Error]} ${d.code} ${d.message}\n`);
      }
    }
    output.err(`${reports.length} ${reports.length === 1 ? 'file' : 'files'} checked: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.\n`);
  }
  if (unreadable) return 2;
  return errors > 0 ? 1 : 0;
}
