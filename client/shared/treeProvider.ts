/**
 * What every sidebar view shares: its change event, a refresh when the connection or the
 * account's data changes, and the children of a node asked of the node itself.
 */
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { TreeNode } from './treeNodes';

export abstract class ConnectedTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(readonly connections: ConnectionManager) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  /** Read the view again from the account. */
  abstract refresh(): void;

  /** The view's top level. */
  protected abstract topLevel(): Promise<TreeNode[]>;

  refreshNode(node: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ? node.children() : Promise.resolve([]);
    return this.topLevel();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
