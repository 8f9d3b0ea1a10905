/**
 * The `check` CLI's output formats: compiler-style text, JSON, SARIF 2.1.0 for code scanning
 * (OASIS Static Analysis Results Interchange Format), and GitHub Actions workflow commands.
 * Pure functions from diagnostics to text.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'github'];

export interface FileReport {
  /** As shown to the user: relative to the working directory when under it. */
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

const SEVERITY_WORDS: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function severityWord(diagnostic: Diagnostic): string {
  return SEVERITY_WORDS[diagnostic.severity ?? DiagnosticSeverity.Error];
}

function text(reports: readonly FileReport[]): string {
  return reports.flatMap((report) => report.diagnostics.map((d) => `${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityWord(d)} ${d.code} ${d.message}\n`)).join('');
}

function json(reports: readonly FileReport[], errors: number, warnings: number): string {
  const files = reports.map((report) => ({
    file: report.file,
    diagnostics: report.diagnostics.map((d) => ({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: severityWord(d),
      code: d.code,
      message: d.message,
    })),
  }));
  return `${JSON.stringify({ files, errors, warnings }, null, 2)}\n`;
}

/** SARIF result levels (SARIF 2.1.0 §3.27.10). */
const SARIF_LEVELS: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

function sarif(reports: readonly FileReport[], version: string): string {
  const ruleIds = [...new Set(reports.flatMap((report) => report.diagnostics.map((d) => String(d.code))))].sort();
  const results = reports.flatMap((report) => report.diagnostics.map((d) => ({
    ruleId: String(d.code),
    ruleIndex: ruleIds.indexOf(String(d.code)),
    level: SARIF_LEVELS[d.severity ?? DiagnosticSeverity.Error],
    message: { text: d.message },
    locations: [{
      physicalLocation: {
        // Relative URIs resolve against the checkout root that code scanning uploads from.
        artifactLocation: { uri: report.file.split('\\').join('/'), uriBaseId: '%SRCROOT%' },
        region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
      },
    }],
  })));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'iot-mitigations',
          version,
          informationUri: 'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/dd-mitigation-actions.html',
          rules: ruleIds.map((id) => ({ id, shortDescription: { text: `IoT mitigation rule ${id}` } })),
        },
      },
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Workflow command values escape %, CR and LF; properties also ":" and "," (GitHub Actions docs). */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function github(reports: readonly FileReport[]): string {
  const command = (d: Diagnostic) => (d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : 'notice');
  return reports.flatMap((report) => report.diagnostics.map((d) => {
    const properties = [`file=${escapeProperty(report.file)}`, `line=${d.range.start.line + 1}`, `col=${d.range.start.character + 1}`, `endLine=${d.range.end.line + 1}`, `endColumn=${d.range.end.character + 1}`, `title=${escapeProperty(String(d.code))}`];
    return `::${command(d)} ${properties.join(',')}::${escapeData(d.message)}\n`;
  })).join('');
}

export function formatReport(format: ReportFormat, reports: readonly FileReport[], totals: { errors: number; warnings: number }, version = '0.1.0'): string {
  switch (format) {
    case 'json':
      return json(reports, totals.errors, totals.warnings);
    case 'sarif':
      return sarif(reports, version);
    case 'github':
      return github(reports);
    case 'text':
      return text(reports);
  }
}
