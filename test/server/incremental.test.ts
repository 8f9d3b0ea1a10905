/**
 * Incremental diagnostics equal diagnostics from scratch. A language service that keeps its
 * parse (re-parsed incrementally from the edits it is told about) and its validation cache is fed
 * real edits: typing values and names, adding and deleting actions, a rename across the file,
 * breaking the syntax and mending it, and random edits. After every edit its diagnostics must
 * deep-equal (order included) those of a new service on a new document with the same text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Node } from 'jsonc-parser';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { MitigationDocument, type TextChange } from '../../common/document/parse';
import { applyChanges } from '../../server/editSpan';
import { getLanguageService, type LanguageService } from '../../server/service/languageService';
import { WorkspaceIndex } from '../../server/service/workspaceIndex';
import { EXAMPLES } from './helpers';

const URI = 'file:///incremental/edited.mitigation.json';

/** A file with every kind of entry and some mistakes: undefined and unfitting actions, a duplicate key, a bad enum. */
function fileText(actions: number, tasks: number): string {
  const types = [
    ['updateDeviceCertificateParams', '{ "action": "DEACTIVATE" }'],
    ['updateCACertificateParams', '{ "action": "DEACTIVATE" }'],
    ['addThingsToThingGroupParams', '{ "thingGroupNames": ["Quarantine"], "overrideDynamicGroups": true }'],
    ['replaceDefaultPolicyVersionParams', '{ "templateName": "BLANK_POLICY" }'],
    ['enableIoTLoggingParams', '{ "roleArnForLogging": "arn:aws:iam::123456789012:role/Logging", "logLevel": "ERROR" }'],
    ['publishFindingToSnsParams', '{ "topicArn": "arn:aws:sns:us-east-1:123456789012:findings" }'],
  ];
  const lines = ['// incremental test file', '{', '  "actions": {'];
  for (let i = 0; i < actions; i++) {
    const [key, params] = types[i % types.length];
    lines.push(`    "action-${i}": {`, '      "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationRole",', `      "actionParams": { "${key}": ${params} }${i % 7 === 3 ? ',\n      "tags": [{ "Key": "team", "Value": "a" }, { "Key": "team", "Value": "b" }]' : ''}`, `    }${i + 1 < actions ? ',' : ''}`);
  }
  lines.push('  },', '  "tasks": {');
  for (let t = 0; t < tasks; t++) {
    const names = [`"action-${(t * 6) % actions}"`, `"action-${(t * 6 + 2) % actions}"`, t % 3 === 0 ? `"missing-${t}"` : `"action-${(t * 5 + 1) % actions}"`];
    lines.push(`    "task-${t}": {`, `      "target": { "auditTaskId": "audit-${t}"${t % 4 === 1 ? ', "auditCheckToReasonCodeFilter": { "CA_CERTIFICATE_EXPIRING_CHECK": ["CERTIFICATE_PAST_EXPIRATION", "NOPE"] }' : ''} },`, '      "auditCheckToActionsMapping": {', `        "DEVICE_CERTIFICATE_SHARED_CHECK": [${names.join(', ')}],`, `        "CA_CERTIFICATE_EXPIRING_CHECK": ["action-1"${t % 5 === 2 ? ', "action-1"' : ''}]`, '      }', `    }${t + 1 < tasks ? ',' : ''}`);
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** Edits as an editor sends them: the ranges of `TextEdit`s of one step, applied last first. */
type Step = TextEdit[];

function insertAt(offset: number, newText: string, document: TextDocument): TextEdit {
  const position = document.positionAt(offset);
  return { range: { start: position, end: position }, newText };
}

class Replay {
  readonly incremental: LanguageService;
  document: TextDocument;
  steps = 0;
  /** Steps whose parse reused the previous version's tree. */
  reused = 0;
  private previousRoot: Node | undefined;

  constructor(text: string, private readonly workspace: WorkspaceIndex) {
    this.incremental = getLanguageService({ maxDiagnostics: 1000, workspace });
    this.document = TextDocument.create(URI, 'mitigation-json', 1, text);
  }

  get text(): string {
    return this.document.getText();
  }

  async start(): Promise<void> {
    await this.compare(undefined);
  }

  /** Applies one step through the server's own change handling, then compares. */
  async apply(changes: TextDocumentContentChangeEvent[], label: string): Promise<void> {
    const fromVersion = this.document.version;
    const { document, span, edits } = applyChanges(this.document, changes, fromVersion + 1);
    this.incremental.noteChanges(URI, fromVersion, document.version, edits);
    this.document = document;
    this.steps++;
    await this.compare(span, label);
  }

  async edit(edits: Step, label: string): Promise<void> {
    // An editor sends a multi-edit step (a rename) as changes from the end backwards, each in the text the previous one left.
    const sorted = [...edits].sort((a, b) => this.document.offsetAt(b.range.start) - this.document.offsetAt(a.range.start));
    await this.apply(sorted.map((edit) => ({ range: edit.range, text: edit.newText })), label);
  }

  private async compare(typing: { offset: number; length: number } | undefined, label = 'open'): Promise<void> {
    const ours = await this.incremental.doValidation(this.document, typing);
    // Not `root`: that would settle every lagging offset, and the diagnostics must be right without it.
    const root = this.incremental.parse(this.document).unsettledRoot;
    if (root && root === this.previousRoot) this.reused++;
    this.previousRoot = root;
    const fresh = getLanguageService({ maxDiagnostics: 1000, workspace: this.workspace });
    const scratch = await fresh.doValidation(TextDocument.create(`file:///incremental/from-scratch-${this.document.version}.mitigation.json`, 'mitigation-json', this.document.version, this.text), typing);
    assert.deepEqual(ours, scratch, `step ${this.steps} (${label}): incremental diagnostics differ from a full validation`);
  }
}

/** Types `value` into the text at `offset` one character at a time. */
async function type(replay: Replay, offset: number, value: string, label: string): Promise<void> {
  for (let i = 0; i < value.length; i++) {
    await replay.apply([{ range: { start: replay.document.positionAt(offset + i), end: replay.document.positionAt(offset + i) }, text: value[i] }], `${label}: typing ${JSON.stringify(value.slice(0, i + 1))}`);
  }
}

/** Deletes `count` characters before `offset`, one backspace at a time. */
async function backspace(replay: Replay, offset: number, count: number, label: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const at = offset - i;
    await replay.apply([{ range: { start: replay.document.positionAt(at - 1), end: replay.document.positionAt(at) }, text: '' }], `${label}: backspace ${i + 1}`);
  }
}

function otherFile(): WorkspaceIndex {
  const workspace = new WorkspaceIndex();
  workspace.set('file:///incremental/shared.mitigation.json', '{ "actions": { "missing-3": { "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationRole", "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } } } } }');
  return workspace;
}

describe('incremental diagnostics', () => {
  it('equal a full validation after every edit: typing, adding and deleting actions, renaming, breaking and mending', async () => {
    const replay = new Replay(fileText(40, 12), otherFile());
    await replay.start();

    // Typing a value: a role ARN's name, then a check's action reference, character by character.
    let at = replay.text.indexOf('IoTMitigationRole",', replay.text.indexOf('"action-5"')) + 'IoTMitigationRole'.length;
    await type(replay, at, '-Quarantine', 'role ARN');
    await backspace(replay, at + '-Quarantine'.length, 4, 'role ARN');
    at = replay.text.indexOf('"action-1"]', replay.text.indexOf('"task-4"')) + '"action-1'.length;
    await type(replay, at, '0', 'reference');
    await type(replay, at + 1, 'x', 'reference to nothing');

    // Typing an enum value to a wrong one and back.
    at = replay.text.indexOf('"DEACTIVATE"', replay.text.indexOf('"action-6"')) + 1;
    await replay.edit([{ range: { start: replay.document.positionAt(at), end: replay.document.positionAt(at + 'DEACTIVATE'.length) }, newText: '' }], 'clear enum');
    await type(replay, at, 'DEA', 'enum');

    // A misspelt reference to an action that does not exist yet: adding the action changes its "did you mean".
    at = replay.text.indexOf('["action-1"', replay.text.indexOf('"task-5"')) + 1;
    await replay.edit([insertAt(at, '"pasted-actoin", ', replay.document)], 'reference a missing action');

    // Adding an action (a paste), then using it in a task.
    at = replay.text.indexOf('    "action-0": {');
    await replay.edit([insertAt(at, '    "pasted-action": {\n      "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationRole",\n      "actionParams": { "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }\n    },\n', replay.document)], 'add an action');
    at = replay.text.indexOf('"pasted-actoin", ');
    await replay.edit([{ range: { start: replay.document.positionAt(at), end: replay.document.positionAt(at + '"pasted-actoin", '.length) }, newText: '' }], 'remove the misspelt reference');
    at = replay.text.indexOf('["action-1"', replay.text.indexOf('"task-2"')) + 1;
    await replay.edit([insertAt(at, '"pasted-action", ', replay.document)], 'reference the new action');

    // Renaming an action everywhere (one change per occurrence, as a rename sends them).
    const rename = replay.incremental.doRename(replay.document, replay.document.positionAt(replay.text.indexOf('"action-2"') + 2), 'renamed-2');
    const renameEdits = rename?.changes?.[URI] ?? [];
    assert.ok(renameEdits.length > 2, `the rename changes ${renameEdits.length} places`);
    await replay.edit(renameEdits, 'rename');

    // Breaking the syntax and mending it: a missing comma, an unclosed string, a stray brace.
    at = replay.text.indexOf('},', replay.text.indexOf('"action-9"'));
    await replay.edit([{ range: { start: replay.document.positionAt(at + 1), end: replay.document.positionAt(at + 2) }, newText: '' }], 'remove a comma');
    await replay.edit([insertAt(at + 1, ',', replay.document)], 'restore the comma');
    at = replay.text.indexOf('"audit-7"') + 1;
    await type(replay, at, '"x', 'stray quote');
    await backspace(replay, at + 2, 2, 'stray quote');
    at = replay.text.indexOf('"tasks"');
    await type(replay, at, '}', 'stray brace');
    await backspace(replay, at + 1, 1, 'stray brace');

    // Deleting an action and a whole task.
    const start = replay.text.indexOf('    "action-3": {');
    const end = replay.text.indexOf('    "action-4": {');
    await replay.edit([{ range: { start: replay.document.positionAt(start), end: replay.document.positionAt(end) }, newText: '' }], 'delete an action');
    const taskStart = replay.text.indexOf('    "task-11": {');
    await replay.edit([{ range: { start: replay.document.positionAt(taskStart - 2), end: replay.document.positionAt(replay.text.lastIndexOf('  }')) }, newText: '\n' }], 'delete the last task');

    // Every scripted edit re-parsed incrementally, but the eight that break the syntax or follow a break.
    assert.equal(replay.reused, replay.steps - 8, `${replay.reused} of ${replay.steps} scripted edits re-parsed incrementally`);

    // Random edits, good and bad, near entries and in between.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['a', '"', ',', '{', '}', '[', ']', ':', ' ', '\n', '1', '"x": 1', ', "y": [1, 2]', '// c\n', '/*', '*/', '\r\n', 'true', '', '"DEACTIVATE"'];
    const clean = replay.text;
    for (let i = 0; i < 150; i++) {
      const offset = random(replay.text.length + 1);
      const removed = random(3) === 0 ? random(Math.min(12, replay.text.length - offset) + 1) : 0;
      await replay.edit([{ range: { start: replay.document.positionAt(offset), end: replay.document.positionAt(offset + removed) }, newText: pieces[random(pieces.length)] }], `random ${i}`);
      // Now and then the user undoes everything back to a clean file.
      if (random(6) === 0) await replay.apply([{ text: clean }], 'back to the clean file');
    }

    assert.ok(replay.steps > 200, `${replay.steps} edits replayed`);
    assert.ok(replay.reused > 60, `${replay.reused} of ${replay.steps} parses reused the previous tree`);
  });
});

describe('incremental parse', () => {
  /** Node for node: type, offsets, lengths, values, colons and parents. */
  function sameTree(a: Node | undefined, b: Node | undefined, path = 'root'): void {
    assert.ok(a && b, `${path}: both trees exist`);
    assert.deepEqual([a.type, a.offset, a.length, a.value, a.colonOffset, a.children?.length], [b.type, b.offset, b.length, b.value, b.colonOffset, b.children?.length], path);
    a.children?.forEach((child, index) => {
      assert.equal(child.parent, a, `${path}[${index}] knows its parent`);
      sameTree(child, b.children![index], `${path}[${index}]`);
    });
  }

  it('gives the tree, lines and value of a full parse, or declines', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['a', '"', ',', '{', '}', '[', ']', ':', ' ', '\n', '\r', '1', '"x": 1', ', "y": [1, 2]', '//c\n', '/*', '*/', 'true', ''];
    const original = readFileSync(join(EXAMPLES, 'quarantine-workflow.mitigation.json'), 'utf8');
    let text = original;
    let previous = new MitigationDocument({ uri: URI, version: 0, getText: () => text });
    previous.positionAt(0);
    let reused = 0;
    for (let step = 1; step <= 1500; step++) {
      const changes: TextChange[] = [];
      let next = text;
      for (let count = random(5) === 0 ? 1 + random(4) : 1; count > 0; count--) {
        const offset = random(next.length + 1);
        const removed = random(3) === 0 ? random(Math.min(20, next.length - offset) + 1) : 0;
        const inserted = pieces[random(pieces.length)];
        next = next.slice(0, offset) + inserted + next.slice(offset + removed);
        changes.push({ offset, removed, inserted: inserted.length });
      }
      const source = { uri: URI, version: step, getText: () => next };
      const incremental = MitigationDocument.afterChanges(previous, source, changes);
      const full = new MitigationDocument(source);
      if (incremental) {
        reused++;
        // Every fourth version only: offsets moved lazily pile up over the versions in between.
        if (step % 4 === 0) sameTree(incremental.root, full.root);
        assert.deepEqual(incremental.value, full.value);
        for (let offset = 0; offset <= next.length; offset += 1 + random(40)) assert.deepEqual(incremental.positionAt(offset), full.positionAt(offset), `step ${step}: position of ${offset}`);
      }
      // Mostly keep going from a clean text, as a user mends what they break.
      if (full.syntaxIssues.length && random(2) === 0) {
        text = original;
        previous = new MitigationDocument({ uri: URI, version: step, getText: () => text });
      } else {
        text = next;
        previous = incremental ?? full;
      }
      previous.positionAt(0);
    }
    assert.ok(reused > 500, `${reused} incremental parses`);
  });
});
