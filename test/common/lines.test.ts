/** The document model's own line index converts exactly as an LSP text document does. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../common/document/lines';

const TEXTS = ['', 'one line', 'a\nb', 'a\r\nb\r\n', 'a\rb\r\rc', '\n\n', '{\r\n  "k": "é😀"\n}\r', 'x\r\n'];

describe('LineIndex', () => {
  for (const text of TEXTS) {
    it(`agrees with TextDocument on ${JSON.stringify(text)}`, () => {
      const lines = new LineIndex(text);
      const document = TextDocument.create('untitled:t', 'json', 1, text);
      assert.equal(lines.lineCount, document.lineCount);
      for (let offset = -2; offset <= text.length + 2; offset++) assert.deepEqual(lines.positionAt(offset), document.positionAt(offset), `offset ${offset}`);
      for (let line = -1; line <= document.lineCount + 1; line++) {
        for (let character = -1; character <= 12; character++) assert.equal(lines.offsetAt({ line, character }), document.offsetAt({ line, character }), `${line}:${character}`);
      }
    });
  }
});
