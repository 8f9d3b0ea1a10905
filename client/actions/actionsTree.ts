/** The Actions view: every mitigation action in the account, with an icon per action type. */
import * as vscode from 'vscode';
import { ConnectedTreeProvider } from '../shared/treeProvider';
import { EmulatorStoppedError } from '../connection/emulatorProcess';
import type { AccountActionInfo } from '../shared/model/iotApi';
import { actionNode } from '../shared/model/treeModel';
import { errorNodes, itemFromModel, MessageNode, type TreeNode } from '../shared/treeNodes';

export class ActionNode implements TreeNode {
  constructor(readonly action: AccountActionInfo) {}

  treeItem(): vscode.TreeItem {
    const item = itemFromModel(actionNode(this.action), `action:${this.action.actionName}`);
    // VS Code resolves only a tooltip left undefined: resolveTreeItem adds the params on hover.
    item.tooltip = undefined;
    return item;
  }
}

export class ActionsTreeProvider extends ConnectedTreeProvider {

  refresh(): void {
    this.changed.fire(undefined);
  }

  protected async topLevel(): Promise<TreeNode[]> {
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
    item.tooltip = new vscode.MarkdownString(actionNode(node.action).tooltip);
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
}
