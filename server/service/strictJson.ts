/**
 * AWS CLI input documents (`--cli-input-json`) are read by the AWS CLI as strict JSON: no
 * comments, no trailing commas, and no parameter the operation does not define (`$schema`
 * included: the CLI answers "Unknown parameter in input"). Mitigation files allow all three.
 */
import { SyntaxKind, createScanner } from 'jsonc-parser';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
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
