/**
 * AWS CLI input documents (`--cli-input-json`) are read by the AWS CLI as strict JSON: no
 * comments, no trailing commas, and no parameter the operation does not define (`$schema`
 * included: the CLI answers "Unknown parameter in input"). Mitigation files allow all three.
 */
import { SyntaxKind, createScanner } from 'jsonc-parser';
import { Diagnostic, DiagnosticSeverity, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-protocol';
import { deleteProperty, quickFix } from './edits';
import { DIAGNOSTIC_SOURCE, SYNTAX_CODE } from './diagnostics';
import type { MitigationDocument } from './parse';

const STRICT = 'The AWS CLI reads --cli-input-json as strict JSON';

export function isCliInput(doc: MitigationDocument): boolean {
  return doc.kind === 'create-mitigation-action' || doc.kind === 'update-mitigation-action' || doc.kind === 'start-audit-mitigation-actions-task';
}

function issue(doc: MitigationDocument, offset: number, length: number, code: string, message: string): Diagnostic {
  return { range: doc.rangeOf(offset, length), severity: DiagnosticSeverity.Error, code, source: DIAGNOSTIC_SOURCE, message };
}

/** What the AWS CLI would reject in a CLI input document that a mitigation file may contain. */
export function strictJsonIssues(doc: MitigationDocument): Diagnostic[] {
  if (!isCliInput(doc)) return [];
  const out: Diagnostic[] = [];
  const scanner = createScanner(doc.text, false);
  let pendingComma: number | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) {
      out.push(issue(doc, scanner.getTokenOffset(), scanner.getTokenLength(), SYNTAX_CODE, `${STRICT}: remove this comment.`));
    } else if (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia) {
      continue;
    } else if (token === SyntaxKind.CommaToken) {
      pendingComma = scanner.getTokenOffset();
      continue;
    } else if ((token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) && pendingComma !== undefined) {
      out.push(issue(doc, pendingComma, 1, SYNTAX_CODE, `${STRICT}: remove this trailing comma.`));
    }
    if (token !== SyntaxKind.LineCommentTrivia && token !== SyntaxKind.BlockCommentTrivia) pendingComma = undefined;
  }
  const schema = doc.property(doc.root, '$schema');
  if (schema?.children?.[0]) {
    const key = schema.children[0];
    out.push(issue(doc, key.offset, key.length, 'unknown-property', 'The AWS CLI rejects "$schema" here ("Unknown parameter in input"): a --cli-input-json document holds only the operation\'s parameters.'));
  }
  return out;
}

function overlaps(doc: MitigationDocument, diagnostic: Diagnostic, range: Range): boolean {
  const [start, end] = [doc.offsetAt(diagnostic.range.start), doc.offsetAt(diagnostic.range.end)];
  return start <= doc.offsetAt(range.end) && doc.offsetAt(range.start) <= end;
}

/** A comment alone on its line goes with its line; one after code goes with the spaces before it. */
function removeComment(doc: MitigationDocument, diagnostic: Diagnostic): TextEdit {
  const start = doc.offsetAt(diagnostic.range.start);
  const end = doc.offsetAt(diagnostic.range.end);
  const lineStart = doc.text.lastIndexOf('\n', start - 1) + 1;
  const before = doc.text.slice(lineStart, start);
  if (before.trim() === '' && (doc.text[end] === '\n' || doc.text.startsWith('\r\n', end))) {
    return { range: doc.rangeOf(lineStart, end + (doc.text[end] === '\r' ? 2 : 1) - lineStart), newText: '' };
  }
  const from = start - (before.length - before.trimEnd().length);
  return { range: doc.rangeOf(from, end - from), newText: '' };
}

/** Fixes for what the AWS CLI would reject: remove the comment, the trailing comma or "$schema". */
export function strictJsonFixes(doc: MitigationDocument, range: Range): CodeAction[] {
  const fixes: CodeAction[] = [];
  for (const diagnostic of strictJsonIssues(doc)) {
    if (!overlaps(doc, diagnostic, range)) continue;
    if (diagnostic.code === 'unknown-property') {
      const property = doc.property(doc.root, '$schema');
      if (property) fixes.push(quickFix(doc, 'Remove "$schema" (the AWS CLI rejects it)', [deleteProperty(doc, property)], diagnostic, true));
    } else if (diagnostic.message.endsWith('comment.')) {
      fixes.push(quickFix(doc, 'Remove the comment', [removeComment(doc, diagnostic)], diagnostic, true));
    } else {
      fixes.push(quickFix(doc, 'Remove the trailing comma', [{ range: diagnostic.range, newText: '' }], diagnostic, true));
    }
  }
  return fixes;
}
