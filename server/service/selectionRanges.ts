/** Smart selection: from the word in a string outwards through values, properties and objects. */
import { findNodeAtOffset } from 'jsonc-parser';
import type { Position, Range, SelectionRange } from 'vscode-languageserver-protocol';
import type { MitigationDocument } from '../../common/document/parse';

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function getSelectionRanges(doc: MitigationDocument, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = doc.offsetAt(position);
    const spans: { offset: number; length: number }[] = [];
    let node = doc.root ? findNodeAtOffset(doc.root, offset, true) : undefined;
    if (node?.type === 'string' && node.length >= 2 && offset > node.offset && offset < node.offset + node.length) {
      spans.push({ offset: node.offset + 1, length: node.length - 2 });
    }
    for (; node; node = node.parent) spans.push(node);
    // Innermost first; each range's parent is the next larger one.
    let result: SelectionRange | undefined;
    for (const span of spans.reverse()) {
      const range = doc.rangeOf(span.offset, span.length);
      if (result && sameRange(result.range, range)) continue;
      result = result ? { range, parent: result } : { range };
    }
    return result ?? { range: { start: position, end: position } };
  });
}
