/**
 * `iot-mitigations check [options] FILES|DIRS|GLOBS|-`: the language server's diagnostics for
 * CI. All files given form one workspace, so actions shared between them resolve. Exit 0 when
 * clean (warnings allowed up to --max-warnings), 1 on problems, 2 on a usage error or a file
 * that cannot be read (the other files are still checked).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LANGUAGE_ID } from '../common/lspProtocol';
import { DIAGNOSTIC_SOURCE } from '../server/service/diagnostics';
import { getLanguageService } from '../server/service/languageService';
import { WorkspaceIndex } from '../server/service/workspaceIndex';
import { REPORT_FORMATS, formatReport, type FileReport, type ReportFormat } from './checkReport';
import { decodeText } from './decodeText';

const USAGE = `Usage: iot-mitigations check [options] FILES|DIRS|GLOBS...
       iot-mitigations check [options] --stdin-filename NAME -

Validates mitigation files and AWS CLI --cli-input-json documents. All files given form one
workspace: an action defined in any of them resolves in the others.

Options:
  --format text|json|sarif|github   Output: file:line:col lines (default), JSON, SARIF 2.1.0
                                    for code scanning, or GitHub Actions annotations.
  --max-warnings N                  Exit 1 when there are more than N warnings.
  --quiet                           Report errors only.
  --stdin-filename NAME             The name to report for "-" (the text read from stdin).
  -h, --help                        Show this help.

Directories are searched for *.mitigation.json; globs support *, ** and ? (quote them).
Exit codes: 0 clean, 1 problems (errors, or warnings past --max-warnings), 2 usage or read errors.
`;
/** What a directory argument stands for. */
const DIRECTORY_FILE = /\.mitigation\.json$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

class UsageError extends Error {}

/** A path argument that names nothing: reported, and the other arguments are still checked. */
class MissingPathError extends Error {}

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

/** Files named by the arguments, in order and without repeats; `missing` collects what named nothing. */
function expandArguments(args: readonly string[], cwd: string, missing: string[] = []): string[] {
  const files: string[] = [];
  for (const arg of args) {
    try {
      files.push(...expandArgument(arg, cwd));
    } catch (error) {
      if (!(error instanceof MissingPathError)) throw error;
      missing.push(error.message);
    }
  }
  return [...new Set(files)];
}

function expandArgument(arg: string, cwd: string): string[] {
  const files: string[] = [];
  {
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
      if (matches.length === 0) throw new MissingPathError(`No files match ${arg}.`);
      return matches;
    }
    const path = resolve(cwd, arg);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new MissingPathError(`Cannot read ${arg}: no such file or directory.`);
    }
    if (stats.isDirectory()) {
      const found: string[] = [];
      walk(path, (file) => DIRECTORY_FILE.test(file), found);
      if (found.length === 0) throw new MissingPathError(`No *.mitigation.json files in ${arg}.`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return files;
}

/** Paths under the working directory print relative to it (as compilers do), others in full. */
function displayName(file: string, cwd: string): string {
  const relativePath = relative(cwd, file);
  return relativePath && !relativePath.startsWith('..') ? relativePath : file;
}

interface Options {
  readonly format: ReportFormat;
  readonly maxWarnings: number;
  readonly quiet: boolean;
  readonly stdinFilename: string | undefined;
  readonly paths: readonly string[];
  readonly help: boolean;
}

function optionValue(argv: readonly string[], index: number, name: string): { value: string; next: number } {
  const arg = argv[index];
  if (arg.startsWith(`${name}=`)) return { value: arg.slice(name.length + 1), next: index };
  const value = argv[index + 1];
  if (value === undefined) throw new UsageError(`${name} needs a value.`);
  return { value, next: index + 1 };
}

function parseOptions(argv: readonly string[]): Options {
  let format: ReportFormat = 'text';
  let maxWarnings = Number.POSITIVE_INFINITY;
  let quiet = false;
  let stdinFilename: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const named = (name: string) => arg === name || arg.startsWith(`${name}=`);
    if (named('--format')) {
      const { value, next } = optionValue(argv, i, '--format');
      if (!REPORT_FORMATS.includes(value as ReportFormat)) throw new UsageError(`--format takes ${REPORT_FORMATS.map((f) => `"${f}"`).join(', ')}, not "${value}".`);
      format = value as ReportFormat;
      i = next;
    } else if (named('--max-warnings')) {
      const { value, next } = optionValue(argv, i, '--max-warnings');
      if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number of 0 or more, not "${value}".`);
      maxWarnings = Number(value);
      i = next;
    } else if (named('--stdin-filename')) {
      const { value, next } = optionValue(argv, i, '--stdin-filename');
      stdinFilename = value;
      i = next;
    } else if (arg === '--quiet') {
      quiet = true;
    } else if (arg === '--help' || arg === '-h') {
      return { format, maxWarnings, quiet, stdinFilename, paths, help: true };
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option ${arg}.`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('Name at least one file, directory or glob (or "-" for stdin).');
  if (paths.filter((path) => path === '-').length > 1) throw new UsageError('"-" (stdin) can be given once.');
  if (stdinFilename !== undefined && !paths.includes('-')) throw new UsageError('--stdin-filename names the text read from "-"; add "-".');
  return { format, maxWarnings, quiet, stdinFilename, paths, help: false };
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export interface CheckInput {
  /** The bytes of "-"; the process's stdin by default. */
  readonly stdin?: () => Promise<Buffer>;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Source {
  readonly display: string;
  readonly uri: string;
  readonly text: string;
  /** A problem of the bytes themselves (encoding, emptiness), reported instead of parsing noise. */
  readonly problem?: Diagnostic;
}

function fileProblem(code: string, message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, code, source: DIAGNOSTIC_SOURCE, message };
}

function sourceOf(display: string, uri: string, bytes: Buffer): Source {
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return { display, uri, text: '', problem: fileProblem('encoding', decoded.problem) };
  if (decoded.text.trim() === '') return { display, uri, text: decoded.text, problem: fileProblem('unknown-document', 'The file is empty: expected a mitigation file or an AWS CLI --cli-input-json document.') };
  return { display, uri, text: decoded.text };
}

export async function runCheckCli(argv: readonly string[], output: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, cwd = process.cwd(), input: CheckInput = {}): Promise<number> {
  let options: Options;
  const missing: string[] = [];
  let files: string[];
  try {
    options = parseOptions(argv);
    if (options.help) {
      output.out(USAGE);
      return 0;
    }
    files = expandArguments(options.paths.filter((path) => path !== '-'), cwd, missing);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`iot-mitigations check: ${error.message}\n${USAGE}`);
    return 2;
  }
  for (const message of missing) output.err(`iot-mitigations check: ${message}\n`);
  let unreadable = missing.length > 0;
  const sources: Source[] = [];
  if (options.paths.includes('-')) {
    const name = options.stdinFilename ?? '<stdin>';
    sources.push(sourceOf(name, pathToFileURL(resolve(cwd, options.stdinFilename ?? 'stdin.mitigation.json')).toString(), await (input.stdin ?? readStdin)()));
  }
  for (const file of files) {
    try {
      sources.push(sourceOf(displayName(file, cwd), pathToFileURL(file).toString(), readFileSync(file)));
    } catch (error) {
      output.err(`iot-mitigations check: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      unreadable = true;
    }
  }
  // One workspace: every file given can define actions the others use.
  const workspace = new WorkspaceIndex();
  for (const source of sources) if (!source.problem) workspace.set(source.uri, source.text);
  const service = getLanguageService({ workspace });
  const reports: FileReport[] = [];
  for (const source of sources) {
    let diagnostics: Diagnostic[];
    if (source.problem) {
      diagnostics = [source.problem];
    } else {
      const document = TextDocument.create(source.uri, LANGUAGE_ID, 1, source.text);
      diagnostics = await service.doValidation(document);
      service.forget(document.uri);
    }
    if (options.quiet) diagnostics = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    reports.push({ file: source.display, diagnostics });
  }
  const count = (severity: DiagnosticSeverity) => reports.reduce((sum, report) => sum + report.diagnostics.filter((d) => d.severity === severity).length, 0);
  const errors = count(DiagnosticSeverity.Error);
  const warnings = count(DiagnosticSeverity.Warning);
  output.out(formatReport(options.format, reports, { errors, warnings }));
  if (options.format === 'text' || options.format === 'github') {
    output.err(`${reports.length} ${reports.length === 1 ? 'file' : 'files'} checked: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.\n`);
  }
  const tooManyWarnings = warnings > options.maxWarnings;
  if (tooManyWarnings) output.err(`iot-mitigations check: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
  if (unreadable) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
