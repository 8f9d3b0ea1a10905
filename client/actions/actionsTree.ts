/** The Actions view: every mitigation action in the account, with an icon per action type. */
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { EmulatorStoppedError } from '../connection/emulatorProcess';
import type { AccountActionInfo } from '../shared/model/iotApi';
import { actionNode } from '../shared/model/treeModel';
import { errorNodes, itemFromModel, MessageNode, type TreeNode } from '../shared/treeNodes';

export class ActionNode implements TreeNode {
  constructor(readonly action: AccountActionInfo) {}

  treeItem(): vscode.TreeItem {
    return itemFromModel(actionNode(this.action), `action:${this.action.actionName}`);
  }
}

export class ActionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionManager) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ? node.children() : [];
    try {
      const connection = await this.connections.connection();
      const actions = await connection.api.listAllActions();
      if (actions.length === 0) {
        return [new MessageNode(vscode.l10n.t('No mitigation actions yet: deploy a mitigation file or create one from a template.'), 'info', { title: '', command: 'mitigations.newMitigationFile' })];
      }
      return actions.map((action) => new ActionNode(action));
    } catch (error) {
      // With the emulator stopped on purpose the welcome view explains and offers to start it.
      if (error instanceof EmulatorStoppedError) return [];
      return errorNodes(vscode.l10n.t('actions'), this.connections.explain(error));
    }
  }

  /** The params tooltip needs DescribeMitigationAction: fetch it only when hovered. */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    if (!(node instanceof ActionNode)) return item;
    try {
      const connection = await this.connections.connection();
      const described = await connection.api.describeAction(node.action.actionName);
      const model = actionNode({ ...node.action, roleArn: described.roleArn, actionParams: described.actionParams });
      item.tooltip = new vscode.MarkdownString(model.tooltip);
    } catch {
      // keep the short tooltip
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
