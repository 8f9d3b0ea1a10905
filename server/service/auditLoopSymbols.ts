/**
 * The outline of the audit loop's sections: the configured checks (enabled or disabled, with
 * their threshold), each scheduled audit with when it runs, each suppression with its resource
 * and expiry.
 */
import { getNodeValue, type Node } from 'jsonc-parser';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import type { MitigationDocument } from '../../common/document/parse';
import { plural } from '../../common/text';
import { isJsonObject } from '../../common/json';

function entries(node: Node | undefined): { property: Node; name: string; value: Node | undefined }[] {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const name = property.children?.[0]?.value;
    return typeof name === 'string' && name !== '' ? [{ property, name, value: property.children?.[1] }] : [];
  });
}

function entrySymbol(doc: MitigationDocument, property: Node, name: string, kind: SymbolKind, detail: string, children?: DocumentSymbol[]): DocumentSymbol {
  const key = property.children![0];
  const symbol: DocumentSymbol = { name, kind, detail, range: doc.rangeOf(property.offset, property.length), selectionRange: doc.rangeOf(key.offset, key.length) };
  if (children) symbol.children = children;
  return symbol;
}

/** Plain data of a node (valid or not: the outline shows what is written). */
function valueOf(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

function configurationChildren(doc: MitigationDocument, section: Node | undefined): DocumentSymbol[] {
  const checks = entries(doc.property(section, 'auditCheckConfigurations')?.children?.[1]);
  return checks.map(({ property, name, value }) => {
    const entry = valueOf(value);
    const enabled = isJsonObject(entry) && entry.enabled === false ? 'disabled' : isJsonObject(entry) && entry.enabled === true ? 'enabled' : 'enabled unchanged';
    const thresholds = isJsonObject(entry) && isJsonObject(entry.configuration) ? Object.entries(entry.configuration).map(([key, days]) => `${key} ${String(days)}`) : [];
    return entrySymbol(doc, property, name, SymbolKind.EnumMember, [enabled, ...thresholds].join(' · '));
  });
}

function scheduleDetail(schedule: unknown): string {
  if (!isJsonObject(schedule)) return '';
  const day = schedule.frequency === 'MONTHLY' ? schedule.dayOfMonth : schedule.dayOfWeek;
  const checks = Array.isArray(schedule.targetCheckNames) ? schedule.targetCheckNames.length : 0;
  return `${[schedule.frequency, day].filter((part) => typeof part === 'string').join(' ')} · ${plural(checks, 'check')}`;
}

function suppressionSymbol(doc: MitigationDocument, item: Node, index: number): DocumentSymbol {
  const value = valueOf(item);
  const suppression = isJsonObject(value) ? value : {};
  const checkNode = doc.property(item, 'checkName')?.children?.[1];
  const identifier = isJsonObject(suppression.resourceIdentifier) ? Object.entries(suppression.resourceIdentifier).map(([key, id]) => `${key} ${typeof id === 'string' ? id : JSON.stringify(id)}`).join(', ') : '';
  const until = suppression.suppressIndefinitely === true ? 'indefinitely' : typeof suppression.expirationDate === 'string' ? `until ${suppression.expirationDate}` : '';
  const selection = checkNode ?? item;
  return {
    name: typeof suppression.checkName === 'string' && suppression.checkName !== '' ? suppression.checkName : `suppression ${index + 1}`,
    kind: SymbolKind.Key,
    detail: [identifier, until].filter(Boolean).join(' · '),
    range: doc.rangeOf(item.offset, item.length),
    selectionRange: doc.rangeOf(selection.offset, selection.length),
  };
}

/** The symbol of one audit-loop section, or undefined for another top-level key. */
export function auditLoopSectionSymbol(doc: MitigationDocument, property: Node, name: string): DocumentSymbol | undefined {
  const value = property.children?.[1];
  switch (name) {
    case 'auditConfiguration': {
      const checks = configurationChildren(doc, value);
      return entrySymbol(doc, property, name, SymbolKind.Namespace, plural(checks.length, 'check'), checks);
    }
    case 'scheduledAudits': {
      const schedules = entries(value).map((entry) => entrySymbol(doc, entry.property, entry.name, SymbolKind.Event, scheduleDetail(valueOf(entry.value))));
      return entrySymbol(doc, property, name, SymbolKind.Namespace, plural(schedules.length, 'scheduled audit'), schedules);
    }
    case 'suppressions': {
      const items = value?.type === 'array' ? (value.children ?? []).filter((item) => item.type === 'object').map((item, index) => suppressionSymbol(doc, item, index)) : [];
      return entrySymbol(doc, property, name, SymbolKind.Namespace, plural(items.length, 'suppression'), items);
    }
    default:
      return undefined;
  }
}
