/**
 * Writing a mitigation file from scratch, keystroke by keystroke, in an editor that auto-closes
 * quotes and brackets. At every keystroke: no rule of the token being typed is shown (what the
 * server publishes before the pause), and every completion offered there, if accepted, leaves
 * the text no more broken than it was.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges } from '../../server/editSpan';
import { service } from './helpers';

const TARGET = `{
  "actions": {
    "QuarantineDevice": {
      "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationRole",
      "actionParams": {
        "addThingsToThingGroupParams": { "thingGroupNames": ["Quarantine"], "overrideDynamicGroups": true }
      }
    },
    "Deactivate": {
      "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationRole",
      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }
    }
  },
  "tasks": {
    "quarantine-shared": {
      "target": { "auditTaskId": "a3aea009955e501a31b764abe1bebd3d" },
      "auditCheckToActionsMapping": { "DEVICE_CERTIFICATE_SHARED_CHECK": ["QuarantineDevice", "Deactivate"] }
    }
  }
}
`;

/** Codes about the text of one token (the ones that must wait while it is typed). */
const TOKEN_RULES = new Set(['type', 'length', 'pattern', 'enum', 'range', 'unknown-property', 'unknown-check', 'legacy-check', 'action-not-applicable', 'undefined-action', 'unknown-reason-code', 'arn-format', 'arn-service', 'log-level-disabled', 'task-name-length']);
const CLOSERS: Record<string, string> = { '"': '"', '{': '}', '[': ']' };

const expandSnippet = (text: string) => text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');

function insideString(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let inside = false;
  for (let i = lineStart; i < offset; i++) {
    if (inside && text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/** The editor's text after each keystroke, with the change it sent. */
function* keystrokes(target: string): Generator<{ before: string; text: string; cursor: number; change: { offset: number; removed: number; inserted: string } }> {
  let text = '';
  let cursor = 0;
  for (const ch of target) {
    const before = text;
    const overtype = (ch === '}' || ch === ']' || (ch === '"' && insideString(text, cursor))) && text[cursor] === ch;
    if (overtype) {
      cursor++;
      continue; // the cursor moves over the auto-inserted closer: no change is sent
    }
    const inserted = ch in CLOSERS && !(ch === '"' && insideString(text, cursor)) ? ch + CLOSERS[ch] : ch;
    text = text.slice(0, cursor) + inserted + text.slice(cursor);
    cursor++;
    yield { before, text, cursor, change: { offset: cursor - 1, removed: 0, inserted } };
  }
  assert.equal(text, target, 'the replay writes the target file');
}

function syntaxCount(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.code === 'syntax' || d.code === 'duplicate-key').length;
}

describe('keystroke replay: writing a file from scratch', () => {
  it('never shows a rule of the token being typed, and no offered completion breaks the text', async () => {
    const languageService = service();
    let document = TextDocument.create('file:///replay/new.mitigation.json', 'mitigation-json', 0, '');
    let keystrokeCount = 0;
    let held = 0;
    let completionsTried = 0;
    for (const step of keystrokes(TARGET)) {
      keystrokeCount++;
      const start = document.positionAt(step.change.offset);
      const applied = applyChanges(document, [{ range: { start, end: start }, text: step.change.inserted }], document.version + 1);
      document = applied.document;
      assert.equal(document.getText(), step.text);
      const shown = await languageService.doValidation(document, applied.span);
      const onToken = shown.filter((d) => TOKEN_RULES.has(String(d.code)) && document.offsetAt(d.range.start) <= step.cursor && step.cursor <= document.offsetAt(d.range.end));
      assert.deepEqual(onToken.map((d) => `${d.code}: ${d.message}`), [], `keystroke ${keystrokeCount} at ${JSON.stringify(step.text.slice(Math.max(0, step.cursor - 30), step.cursor))}`);
      held += (await languageService.doValidation(document)).length - shown.length;

      // Right after an opening quote, or inside a word: what completion offers must not break the text.
      if (!/["A-Za-z]/.test(step.text[step.cursor - 1] ?? '')) continue;
      const syntaxBefore = syntaxCount(await languageService.doValidation(document));
      const list = await languageService.doComplete(document, document.positionAt(step.cursor));
      for (const item of list.items as CompletionItem[]) {
        completionsTried++;
        const edit = item.textEdit as TextEdit;
        const accepted = TextDocument.applyEdits(document, [{ range: edit.range, newText: item.insertTextFormat === 2 ? expandSnippet(edit.newText) : edit.newText }]);
        const after = await service().doValidation(TextDocument.create(`file:///replay/accepted-${completionsTried}.mitigation.json`, 'mitigation-json', 1, accepted));
        assert.ok(syntaxCount(after) <= syntaxBefore, `accepting "${item.label}" at keystroke ${keystrokeCount} breaks the text:\n${accepted}`);
      }
    }
    assert.ok(keystrokeCount > 500, `${keystrokeCount} keystrokes`);
    assert.ok(held > 0, 'some rules were held while their token was typed');
    assert.ok(completionsTried > 200, `${completionsTried} completions tried`);
  });
});
