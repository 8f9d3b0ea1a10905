import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FoldingRangeKind } from 'vscode-languageserver-protocol';
import { documentOf, service } from './helpers';

describe('folding ranges', () => {
  it('folds multi-line objects and lists, keeping the closing line visible', () => {
    const document = documentOf('{\n  "actions": {\n    "A": {\n      "roleArn": "x"\n    }\n  },\n  "tasks": {}\n}');
    const ranges = service().getFoldingRanges(document);
    assert.deepEqual(ranges.map((r) => [r.startLine, r.endLine]), [[0, 6], [1, 4], [2, 3]]);
  });

  it('folds block comments and #region markers', () => {
    const document = documentOf('/*\n a comment\n*/\n{\n  // #region actions\n  "actions": {},\n  // #endregion\n  "tasks": {}\n}');
    const ranges = service().getFoldingRanges(document);
    assert.ok(ranges.some((r) => r.kind === FoldingRangeKind.Comment && r.startLine === 0 && r.endLine === 2));
    assert.ok(ranges.some((r) => r.kind === FoldingRangeKind.Region && r.startLine === 4 && r.endLine === 6));
  });
});
