/**
 * A finding row (in the Audits view) and what its commands need of any row that stands for a
 * finding (an execution in the Tasks view is one too): the finding, the task it was opened
 * from, and the device certificate's things once read.
 */
import type { AuditFinding } from '@aws-sdk/client-iot';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { findingNode } from '../shared/model/treeModel';
import { itemFromModel, type TreeNode } from '../shared/treeNodes';
import { loadSdk } from '../lazyBundles';
import { suppressionStatus, type SuppressionLike } from './model/suppressions';

export interface FindingRow extends TreeNode {
  readonly finding: AuditFinding;
  /** The mitigation task whose execution this row is, if any. */
  readonly taskId?: string;
  /** The certificate's things, read on hover or when details open (undefined: not read yet). */
  things?: string[];
  /** The account's suppression naming this finding's check and resource, when read (the Audits view reads them). */
  readonly suppression?: SuppressionLike;
  /** The tooltip, rebuilt once the things are known. */
  tooltip(): string | undefined;
}

export function isFindingRow(value: unknown): value is FindingRow {
  return typeof value === 'object' && value !== null && 'finding' in value && typeof (value as FindingRow).tooltip === 'function';
}

/** Enter (the default command) opens the finding's details. */
export function showDetailsCommand(row: FindingRow): vscode.Command {
  return { title: vscode.l10n.t('Show Finding Details'), command: 'mitigations.showFindingDetails', arguments: [row] };
}

export class FindingNode implements FindingRow {
  things: string[] | undefined;

  /** `now`: the account's time the suppression's expiry is measured against. */
  constructor(readonly finding: AuditFinding, private readonly id: string, readonly suppression: SuppressionLike | undefined, private readonly now: number) {}

  private model() {
    return findingNode(this.finding, this.things, this.suppression && suppressionStatus(this.suppression, this.now));
  }

  tooltip(): string | undefined {
    return this.model().tooltip;
  }

  treeItem(): vscode.TreeItem {
    const item = itemFromModel(this.model(), this.id);
    // Left for resolveTreeItem, which reads the certificate's things on hover.
    if (this.things === undefined) item.tooltip = undefined;
    item.command = showDetailsCommand(this);
    return item;
  }
}

/** On hover: reads a device certificate's things once, then shows the whole tooltip. */
export async function resolveFindingRow(connections: ConnectionManager, item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
  if (!isFindingRow(node)) return item;
  if (node.things === undefined) {
    try {
      node.things = await loadSdk().resourceThings((await connections.connection()).api.client, node.finding.nonCompliantResource);
    } catch {
      // The tooltip goes without things rather than failing the hover.
      node.things = [];
    }
  }
  const tooltip = node.tooltip();
  if (tooltip) item.tooltip = new vscode.MarkdownString(tooltip);
  return item;
}
