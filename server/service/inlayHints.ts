/** Inlay hints: the action type after each action name in a check's list, from the file or the account. */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-protocol';
import { actionTypeInfo } from '../../common/actionTypes';
import type { AccountActionsResult } from '../../common/lspProtocol';
import type { MitigationActionType } from '../../common/model';
import { actionIndex } from './actionIndex';
import type { MitigationDocument } from '../../common/document/parse';

export function getInlayHints(doc: MitigationDocument, range: Range, account: AccountActionsResult | undefined): InlayHint[] {
  const index = actionIndex(doc);
  const remote = new Map<string, MitigationActionType>(account?.available ? account.actions.map((action) => [action.name, action.type]) : []);
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const reference of index.references) {
    const at = reference.node.offset + reference.node.length;
    if (at < start || at > end) continue;
    const type = index.definitions.has(reference.name) ? index.definitions.get(reference.name)!.type : remote.get(reference.name);
    if (!type) continue;
    hints.push({ position: doc.positionAt(at), label: type, kind: InlayHintKind.Type, paddingLeft: true, tooltip: actionTypeInfo(type).title });
  }
  return hints;
}
