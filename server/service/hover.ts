/**
 * Hover for every key and value: the catalogue's description and constraints, audit checks with
 * severity, actions and reason codes, reason codes, and an action reference's own definition.
 */
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-protocol';
import { actionTypeForParamsKey, actionTypeInfo } from '../../common/actionTypes';
import { LEGACY_CHECK_ALIASES, REASON_CODE_DESCRIPTIONS, auditCheck } from '../../common/auditChecks';
import { MAX_TASK_NAME_LENGTH } from '../../common/limits';
import type { MitigationActionType } from '../../common/model';
import type { JsonPath } from '../../common/validate';
import type { AccountDataSource } from './accountSource';
import { actionIndex } from './actionIndex';
import { keyRole, resolvePath, valueRole } from './documentShapes';
import { pathOf } from './location';
import type { MitigationDocument } from '../../common/document/parse';
import type { WorkspaceIndex } from './workspaceIndex';
import { checkDocumentation, describeShape, permissionsText, shapeConstraints } from '../../common/catalogueText';
import { scheduleHover, thresholdHover } from './auditLoopHover';

/** Long definitions are cut in the hover; the rest is one "Go to Definition" away. */
const MAX_DEFINITION_LINES = 25;

function actionTypeText(type: MitigationActionType): string {
  const info = actionTypeInfo(type);
  return `\`${type}\`: ${info.description}\n\n${permissionsText(info)}`;
}

function definitionSnippet(doc: MitigationDocument, property: Node): string {
  const lines = doc.text.slice(property.offset, property.offset + property.length).split(/\r?\n/);
  // Re-indent relative to the first line so the block reads naturally.
  const indent = Math.min(...lines.slice(1).filter((line) => line.trim()).map((line) => line.length - line.trimStart().length), Number.MAX_SAFE_INTEGER);
  const shown = lines.slice(0, MAX_DEFINITION_LINES).map((line, index) => (index > 0 && indent !== Number.MAX_SAFE_INTEGER ? line.slice(Math.max(0, indent - 2)) : line));
  if (lines.length > MAX_DEFINITION_LINES) shown.push('  …');
  return `\`\`\`jsonc\n${shown.join('\n')}\n\`\`\``;
}

function actionDefinitionHover(doc: MitigationDocument, name: string): string {
  const definition = actionIndex(doc).definitions.get(name);
  if (!definition) return '';
  const users = actionIndex(doc).references.filter((reference) => reference.name === name);
  const byTask = new Map<string, string[]>();
  for (const user of users) byTask.set(user.taskName ?? '', [...(byTask.get(user.taskName ?? '') ?? []), user.checkName]);
  const lines = [...byTask].map(([task, checks]) => `- ${task ? `${task}: ` : ''}${checks.map((check) => `\`${check}\``).join(', ')}`);
  const usedBy = users.length ? `\n\nUsed by:\n${lines.join('\n')}` : '\n\nNot used by any task in this file.';
  return `**Action ${name}**${definition.type ? `\n\n${actionTypeText(definition.type)}` : ''}${usedBy}`;
}

function actionReferenceHover(doc: MitigationDocument, name: string, account: AccountDataSource | undefined, workspace: WorkspaceIndex | undefined): string {
  const definition = actionIndex(doc).definitions.get(name);
  if (definition) {
    const type = definition.type ? ` · \`${definition.type}\`` : '';
    return `**Action ${name}**${type} (defined in this file)\n\n${definitionSnippet(doc, definition.property)}`;
  }
  const shared = workspace?.definitionsElsewhere(name, doc.uri)[0];
  if (shared) {
    const type = shared.type ? ` · \`${shared.type}\`` : '';
    return `**Action ${name}**${type} (defined in ${decodeURIComponent(shared.uri.slice(shared.uri.lastIndexOf('/') + 1))}, line ${shared.range.start.line + 1})${shared.type ? `\n\n${actionTypeText(shared.type)}` : ''}`;
  }
  const known = account?.knownActions();
  const remote = known?.available ? known.actions.find((action) => action.name === name) : undefined;
  if (remote) {
    return `**Action ${name}** · \`${remote.type}\` (in the account${known?.source ? `: ${known.source}` : ''})${remote.arn ? `\n\n\`${remote.arn}\`` : ''}\n\n${actionTypeText(remote.type)}`;
  }
  return `**Action ${name}** is not defined in this file${known?.available ? ' nor in the account' : '; it must exist in the account when the task starts'}.`;
}

function checkHover(name: string): string {
  const check = auditCheck(name);
  if (check) return checkDocumentation(check);
  const apiName = LEGACY_CHECK_ALIASES[name];
  if (apiName) return `**${name}** is the older docs' name of **${apiName}**.\n\n${checkDocumentation(auditCheck(apiName)!)}`;
  return '';
}

function taskHover(doc: MitigationDocument, name: string): string {
  const checks = actionIndex(doc).references.filter((reference) => reference.taskName === name);
  const byCheck = new Map<string, string[]>();
  for (const reference of checks) byCheck.set(reference.checkName, [...(byCheck.get(reference.checkName) ?? []), reference.name]);
  const lines = [...byCheck].map(([check, actions]) => `- \`${check}\` → ${actions.join(', ')}`);
  return `**Task ${name}**\n\nEach start creates a new taskId from this name plus a timestamp (names up to ${MAX_TASK_NAME_LENGTH} characters).${lines.length ? `\n\n${lines.join('\n')}` : ''}`;
}

function memberHover(doc: MitigationDocument, path: JsonPath, withValue: unknown): string {
  const resolved = resolvePath(doc.kind, path);
  if (!resolved) return '';
  const key = path[path.length - 1];
  const parts: string[] = [];
  const title = resolved.member ? `**${String(key)}** (${resolved.member.required ? 'required' : 'optional'}): ${describeShape(resolved.shape)}` : `${describeShape(resolved.shape)}`;
  parts.push(title);
  if (resolved.member) parts.push(resolved.member.description);
  if (typeof withValue === 'string' && resolved.shape.type === 'string' && resolved.shape.enumDescriptions?.[withValue]) {
    parts.push(`\`${withValue}\`: ${resolved.shape.enumDescriptions[withValue]}`);
  } else {
    const constraints = shapeConstraints(resolved.shape);
    if (constraints.length) parts.push(constraints.join('\n'));
  }
  return parts.join('\n\n');
}

function keyHover(doc: MitigationDocument, path: JsonPath): string {
  const key = String(path[path.length - 1]);
  const role = keyRole(doc.kind, path);
  switch (role.role) {
    case 'check-name':
      return checkHover(key);
    case 'action-definition':
      return actionDefinitionHover(doc, key);
    case 'task-name':
      return taskHover(doc, key);
    case 'scheduled-audit-name':
      return scheduleHover(doc, key);
    case 'threshold-name':
      return thresholdHover(role.checkName, key);
    case 'params-key': {
      const info = actionTypeForParamsKey(key);
      return info ? `**${key}**: ${info.title}\n\n${actionTypeText(info.type)}` : '';
    }
    default:
      return memberHover(doc, path, undefined);
  }
}

function valueHover(doc: MitigationDocument, path: JsonPath, value: unknown, account: AccountDataSource | undefined, workspace: WorkspaceIndex | undefined): string {
  const role = valueRole(doc.kind, path);
  if (role.role === 'action-reference' && typeof value === 'string') return actionReferenceHover(doc, value, account, workspace);
  if (role.role === 'check-name' && typeof value === 'string') return checkHover(value) || memberHover(doc, path, value);
  if (role.role === 'reason-code' && typeof value === 'string') {
    const description = REASON_CODE_DESCRIPTIONS[value];
    return description ? `**${value}**\n\n${description}` : '';
  }
  // List items and map values describe themselves through the member that holds the list.
  const memberPath = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
  return memberHover(doc, memberPath, value);
}

export function doHover(doc: MitigationDocument, position: Position, account: AccountDataSource | undefined, workspace?: WorkspaceIndex): Hover | null {
  if (!doc.root) return null;
  const offset = doc.offsetAt(position);
  const node = findNodeAtOffset(doc.root, offset);
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property') return null;
  const parent = node.parent;
  let text = '';
  if (parent?.type === 'property' && parent.children?.[0] === node) {
    if (typeof node.value !== 'string') return null;
    text = keyHover(doc, [...(parent.parent ? pathOf(parent.parent) : []), node.value]);
  } else {
    text = valueHover(doc, pathOf(node), node.value, account, workspace);
  }
  if (!text) return null;
  return { contents: { kind: MarkupKind.Markdown, value: text }, range: doc.rangeOf(node.offset, node.length) };
}
