/**
 * OpenDocument applies a didChange's events to pieces and joins them once: after every batch of
 * random edits (line breaks of all three kinds, "\r\n" split and joined, ranges past a line's end
 * or the text's, reversed ranges, whole-text replacements) its text, line count and every
 * position/offset conversion must be vscode-languageserver-textdocument's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { OpenDocument } from '../../server/openDocument';
import { seededRandom } from '../seededRandom';

describe('open document text', () => {
  it('converts and edits exactly as vscode-languageserver-textdocument does', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const fragment = () => Array.from({ length: Math.floor(random() * 6) }, () => pick(['a', '"', '{', '\n', '\r', '\r\n', ' ', 'é'])).join('');
    const initial = '{\r\n  "a": 1,\n  "b": [2, 3]\r}\n';
    let expected = TextDocument.create('file:///x', 'mitigation-json', 1, initial);
    const actual = OpenDocument.create('file:///x', 'mitigation-json', 1, initial);
    for (let round = 0; round < 600; round++) {
      const changes: TextDocumentContentChangeEvent[] = [];
      const count = 1 + Math.floor(random() * 5);
      for (let i = 0; i < count; i++) {
        const lines = expected.lineCount + 1;
        const position = () => ({ line: Math.floor(random() * lines), character: Math.floor(random() * 12) });
        changes.push(random() < 0.03 ? { text: fragment() + initial } : { range: { start: position(), end: position() }, text: fragment() });
        // Later events apply to the text the earlier ones left: follow along to draw positions from it.
        expected = TextDocument.update(expected, [changes[changes.length - 1]], expected.version);
      }
      expected = TextDocument.create('file:///x', 'mitigation-json', round + 2, expected.getText());
      // The expected text again, from the events in one batch as a client sends them.
      actual.update(changes, round + 2);
      assert.equal(actual.getText(), expected.getText(), `round ${round}`);
      assert.equal(actual.lineCount, expected.lineCount, `round ${round}`);
      assert.equal(actual.version, round + 2);
      for (let offset = -1; offset <= expected.getText().length + 1; offset++) assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `round ${round}, offset ${offset}`);
      for (let line = -1; line <= expected.lineCount; line++) {
        for (let character = -1; character < 14; character++) assert.equal(actual.offsetAt({ line, character }), expected.offsetAt({ line, character }), `round ${round}, ${line}:${character}`);
        assert.deepEqual(actual.getLineRange(line), expected.getLineRange(line));
        assert.equal(actual.getEOLCharacters(line), expected.getEOLCharacters(line));
      }
      if (expected.getText().length > 400) {
        expected = TextDocument.create('file:///x', 'mitigation-json', round + 2, initial);
        actual.update([{ text: initial }], round + 2);
      }
    }
  });

  it('reports each event in the offsets of the text the previous one left', () => {
    const document = OpenDocument.create('file:///x', 'mitigation-json', 1, 'ab\ncd\nef');
    const edits = document.update([
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: 'EE' },
      { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } }, text: '' },
    ], 2);
    assert.equal(document.getText(), 'ad\nEEf');
    assert.deepEqual(edits, [{ offset: 6, removed: 1, inserted: 2 }, { offset: 1, removed: 3, inserted: 0 }]);
  });
});
