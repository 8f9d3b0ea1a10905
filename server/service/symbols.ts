/** The outline: actions with their type, tasks with their checks and actions, the audit loop's sections; any other document by its keys. */
import type { Node } from 'jsonc-parser';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { actionIndex } from './actionIndex';
import type { MitigationDocument } from '../../common/document/parse';
import { auditLoopSectionSymbol } from './auditLoopSymbols';

function symbol(doc: MitigationDocument, property: Node, name: string, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const key = property.children![0];
  const result: DocumentSymbol = { name, kind, range: doc.rangeOf(property.offset, property.length), selectionRange: doc.rangeOf(key.offset, key.length) };
  if (detail) result.detail = detail;
  if (children) result.children = children;
  return result;
}

function propertiesOf(node: Node | undefined): { property: Node; name: string }[] {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const name = property.children?.[0]?.value;
    return typeof name === 'string' && name !== '' ? [{ property, name }] : [];
  });
}

function taskChildren(doc: MitigationDocument, taskValue: Node | undefined): DocumentSymbol[] {
  const mapping = doc.property(taskValue, 'auditCheckToActionsMapping')?.children?.[1];
  return propertiesOf(mapping).map(({ property, name }) => {
    const list = property.children?.[1];
    const actions = list?.type === 'array' ? (list.children ?? []).filter((item) => item.type === 'string').map((item) => String(item.value)) : [];
    return symbol(doc, property, name, SymbolKind.EnumMember, actions.join(', '));
  });
}

export function findDocumentSymbols(doc: MitigationDocument): DocumentSymbol[] {
  if (!doc.root) return [];
  const top = propertiesOf(doc.root);
  if (doc.kind !== 'mitigation-file') {
    return top.map(({ property, name }) => symbol(doc, property, name, SymbolKind.Property));
  }
  const index = actionIndex(doc);
  return top.map(({ property, name }) => {
    const value = property.children?.[1];
    if (name === 'actions') {
      const actions = propertiesOf(value).map((entry) => symbol(doc, entry.property, entry.name, SymbolKind.Function, index.definitions.get(entry.name)?.type));
      return symbol(doc, property, name, SymbolKind.Namespace, `${actions.length} actions`, actions);
    }
    if (name === 'tasks') {
      const tasks = propertiesOf(value).map((entry) => {
        const checks = taskChildren(doc, entry.property.children?.[1]);
        return symbol(doc, entry.property, entry.name, SymbolKind.Event, `${checks.length} checks`, checks);
      });
      return symbol(doc, property, name, SymbolKind.Namespace, `${tasks.length} tasks`, tasks);
    }
    return auditLoopSectionSymbol(doc, property, name) ?? symbol(doc, property, name, SymbolKind.Property);
  });
}
