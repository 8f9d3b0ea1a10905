import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentOf, example, service } from './helpers';

async function syntaxMessages(text: string): Promise<string[]> {
  const diagnostics = await service().doValidation(documentOf(text));
  return diagnostics.filter((d) => d.code === 'syntax').map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
}

describe('syntax errors: one per cause', () => {
  it('reports a stray quote once, not with its cascade of "Expected" errors', async () => {
    const text = '{\n  "actions": {\n    "A": {\n      "roleArn": "\n    }\n  }\n}';
    assert.deepEqual(await syntaxMessages(text), ['3:17 This string is not closed with a double quote.']);
  });

  it('reports unclosed objects at the end once', async () => {
    assert.deepEqual(await syntaxMessages('{"actions": {"A": {"actionParams": {"updateDeviceCertificateParams": {'), ['0:70 Expected "}" to close the object.']);
  });

  it('keeps independent mistakes in different places', async () => {
    const text = '{\n  "actions": {\n    "A": { "roleArn": "arn:aws:iam::123456789012:role/R" "actionParams": {} }\n  },\n  "tasks": {\n    "t": { "target": {} "auditCheckToActionsMapping": {} }\n  }\n}';
    const messages = await syntaxMessages(text);
    assert.deepEqual(messages.map((m) => m.split(' ')[0]), ['2:57', '5:24']);
    assert.ok(messages.every((m) => m.endsWith('Expected a comma between the entries.')));
  });

  it('leaves at most two syntax errors for almost every single-character slip in a real file', async () => {
    const text = example('quarantine-workflow.mitigation.json').getText();
    let slips = 0;
    let quiet = 0;
    for (const slip of ['"', '{', '[', ',', ':', '}']) {
      for (let at = 0; at < text.length; at += 7) {
        const messages = await syntaxMessages(text.slice(0, at) + slip + text.slice(at));
        slips++;
        if (messages.length <= 2) quiet++;
      }
    }
    // Before one-per-cause, 76% of the slips stayed at two errors or fewer (up to 21 errors each).
    assert.ok(quiet / slips >= 0.99, `${quiet} of ${slips}`);
  });
});
