/**
 * Fixes for what the AWS CLI's strict JSON reader rejects in a --cli-input-json document
 * (common/document/problems.ts finds it): remove the comment, the trailing comma or "$schema".
 */
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-protocol';
import type { MitigationDocument } from '../../common/document/parse';
import { strictJsonProblems } from '../../common/document/problems';
import { toDiagnostic } from './diagnostics';
import { deleteProperty, quickFix } from './edits';

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
  for (const diagnostic of strictJsonProblems(doc).map(toDiagnostic)) {
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
