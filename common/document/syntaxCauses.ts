/**
 * One syntax error per cause. jsonc-parser's recovery reports every consequence of a mistake:
 * one stray quote flips the strings of its line and yields "not closed", "Expected ':'" and a
 * run of "Expected a comma" further down. An error is a cause when it survives the removal of
 * the lines of every earlier cause (and the line above it); the ones that vanish with them are
 * consequences.
 */
import { ParseErrorCode, visit } from 'jsonc-parser';
import { SYNTAX_MESSAGES, type SyntaxIssue } from './parse';

const END_OF_FILE_EXPECTED = SYNTAX_MESSAGES[ParseErrorCode.EndOfFileExpected];

/** Causes reported at most: past a dozen, the first ones are what the user should fix. */
const MAX_CAUSES = 12;
/** Beyond this size the re-parses would cost more than they help; only exact repeats are merged. */
const MAX_TEXT_FOR_REPARSE = 1_000_000;

function errorOffsets(text: string): Set<number> {
  const offsets = new Set<number>();
  visit(text, { onError: (_error, offset) => offsets.add(offset) }, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return offsets;
}

/** `text` with the lines holding [from, to) turned into spaces, so every offset stays in place. */
function blankLines(text: string, from: number, to: number): string {
  const start = text.lastIndexOf('\n', from - 1) + 1;
  let end = text.indexOf('\n', to);
  if (end < 0) end = text.length;
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

export function syntaxCauses(text: string, issues: readonly SyntaxIssue[]): SyntaxIssue[] {
  // The same message at the same place (e.g. five unclosed objects at the end) is one cause.
  const seen = new Set<string>();
  const distinct = [...issues].sort((a, b) => a.offset - b.offset).filter((issue) => {
    const key = `${issue.offset} ${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (distinct.length <= 1 || text.length > MAX_TEXT_FOR_REPARSE) return distinct.slice(0, MAX_CAUSES);
  const causes: SyntaxIssue[] = [];
  let remaining = distinct;
  let trial = text;
  while (remaining.length && causes.length < MAX_CAUSES) {
    const cause = remaining[0];
    causes.push(cause);
    trial = blankLines(trial, cause.offset, cause.offset + cause.length);
    const lineEnd = trial.indexOf('\n', cause.offset + cause.length);
    // A missing comma or bracket is often noticed a line late: the stray text may sit on the line above.
    const lineStart = trial.lastIndexOf('\n', cause.offset - 1) + 1;
    const withLineAbove = lineStart > 0 ? errorOffsets(blankLines(trial, lineStart - 1, lineStart - 1)) : undefined;
    const survivors = errorOffsets(trial);
    // Only when blanking that line too leaves fewer errors (it held the stray text, not structure).
    const alsoSurvives = withLineAbove !== undefined && withLineAbove.size < survivors.size ? withLineAbove : survivors;
    const independent = (offset: number) => survivors.has(offset) && alsoSurvives.has(offset);
    remaining = remaining.slice(1).filter((issue) => lineEnd >= 0 && issue.offset > lineEnd && independent(issue.offset));
  }
  // Text after the end of the document is what an earlier mistake closed the root too soon for.
  return causes.length > 1 ? causes.filter((issue, index) => index === 0 || issue.message !== END_OF_FILE_EXPECTED) : causes;
}
