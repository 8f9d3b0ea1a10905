/** Folding ranges: multi-line objects and lists, block comments, and `// #region` markers. */
import { createScanner, SyntaxKind, type Node } from 'jsonc-parser';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-protocol';
import type { MitigationDocument } from '../../common/document/parse';

const REGION_START = /^\/\/\s*#?region\b/;
const REGION_END = /^\/\/\s*#?endregion\b/;

export function getFoldingRanges(doc: MitigationDocument, limit = 5000): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const stack: Node[] = doc.root ? [doc.root] : [];
  while (stack.length && ranges.length < limit) {
    const node = stack.pop()!;
    if (node.type === 'object' || node.type === 'array') {
      const startLine = doc.positionAt(node.offset).line;
      const endLine = doc.positionAt(node.offset + node.length).line;
      // Keep the closing bracket visible, as VS Code's JSON support does.
      if (endLine - 1 > startLine) ranges.push({ startLine, endLine: endLine - 1 });
    }
    for (const child of node.children ?? []) if (child.type === 'object' || child.type === 'array' || child.type === 'property') stack.push(child);
  }
  const scanner = createScanner(doc.text, false);
  const regions: number[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF && ranges.length < limit; kind = scanner.scan()) {
    if (kind === SyntaxKind.BlockCommentTrivia) {
      const startLine = doc.positionAt(scanner.getTokenOffset()).line;
      const endLine = doc.positionAt(scanner.getTokenOffset() + scanner.getTokenLength()).line;
      if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Comment });
    } else if (kind === SyntaxKind.LineCommentTrivia) {
      const comment = doc.text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
      const line = doc.positionAt(scanner.getTokenOffset()).line;
      if (REGION_START.test(comment)) regions.push(line);
      else if (REGION_END.test(comment) && regions.length) ranges.push({ startLine: regions.pop()!, endLine: line, kind: FoldingRangeKind.Region });
    }
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
