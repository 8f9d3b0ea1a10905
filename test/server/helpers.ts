/** Shared helpers for the language service's unit tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AccountActionsResult, FindingsResult, RecentAuditsResult, ThingGroupsResult } from '../../common/lspProtocol';
import type { AccountDataSource } from '../../server/service/accountSource';
import { getLanguageService, type LanguageService, type LanguageServiceOptions } from '../../server/service/languageService';

export const EXAMPLES = join(__dirname, '..', '..', 'examples');

let counter = 0;

/** A fresh document (unique uri, so no cached parse is shared between tests). */
export function documentOf(text: string, name = 'test.mitigation.json'): TextDocument {
  counter++;
  return TextDocument.create(`file:///tests/${counter}/${name}`, 'mitigation-json', 1, text);
}

export function example(name: string): TextDocument {
  return documentOf(readFileSync(join(EXAMPLES, name), 'utf8'), name);
}

/** The position of the `occurrence`-th `needle` in the text, plus `shift` characters. */
export function positionOf(document: TextDocument, needle: string, shift = 0, occurrence = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = document.getText().indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found (occurrence ${i + 1})`);
  }
  return document.positionAt(index + shift);
}

/** A document with a cursor marked by "|" (removed), and the cursor's position. */
export function withCursor(textWithBar: string): { document: TextDocument; position: Position } {
  const offset = textWithBar.indexOf('|');
  if (offset < 0) throw new Error('no cursor marker');
  const document = documentOf(textWithBar.slice(0, offset) + textWithBar.slice(offset + 1));
  return { document, position: document.positionAt(offset) };
}

export function service(options: LanguageServiceOptions = {}): LanguageService {
  return getLanguageService(options);
}

/** Account data as a client that answers every custom request would provide it. */
export function fakeAccount(data: { actions?: AccountActionsResult; audits?: RecentAuditsResult; findings?: FindingsResult; groups?: ThingGroupsResult } = {}): AccountDataSource & { calls: string[] } {
  const calls: string[] = [];
  /** An answer that records which request asked for it. */
  const answer = <T>(request: string, result: T) => async () => {
    calls.push(request);
    return result;
  };
  return {
    calls,
    actions: answer('actions', data.actions),
    recentAudits: answer('recentAudits', data.audits),
    findings: answer('findings', data.findings),
    thingGroups: answer('thingGroups', data.groups),
    knownActions: () => data.actions,
  };
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(document: TextDocument, edits: readonly { range: { start: Position; end: Position }; newText: string }[]): string {
  return TextDocument.applyEdits(document, edits.map((edit) => ({ range: edit.range, newText: edit.newText })));
}
