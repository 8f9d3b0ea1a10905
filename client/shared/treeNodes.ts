/** Node kinds every tree shares: items built from NodeModels, messages, errors and "Load more". */
import * as vscode from 'vscode';
import type { ErrorRemedy, ExplainedError } from './model/errors';
import type { NodeModel } from './model/treeModel';

export interface TreeNode {
  treeItem(): vscode.TreeItem;
  children?(): Promise<TreeNode[]>;
}

export function itemFromModel(model: NodeModel, id?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(model.label, model.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = model.description;
  if (model.tooltip) item.tooltip = new vscode.MarkdownString(model.tooltip);
  if (model.icon) item.iconPath = new vscode.ThemeIcon(model.icon.id, model.icon.color ? new vscode.ThemeColor(model.icon.color) : undefined);
  item.contextValue = model.contextValue;
  return item;
}

/** A leaf that only says something: empty list, loading, a hint. Optionally clickable. */
export class MessageNode implements TreeNode {
  constructor(
    readonly label: string,
    private readonly icon: string,
    private readonly command?: vscode.Command,
    private readonly tooltip?: string,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.icon, this.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
    item.command = this.command;
    item.tooltip = this.tooltip ?? this.label;
    item.contextValue = this.icon === 'error' ? 'error' : 'message';
    return item;
  }
}

/** Built on use, not at load, so the strings come from the active l10n bundle. */
function remedyInfo(remedy: ErrorRemedy): { title: string; command: string; icon: string } {
  switch (remedy) {
    case 'startEmulator':
      return { title: vscode.l10n.t('Start the bundled emulator'), command: 'mitigations.startEmulator', icon: 'play' };
    case 'selectConnection':
      return { title: vscode.l10n.t('Select a connection'), command: 'mitigations.selectConnection', icon: 'plug' };
    case 'showLogs':
      return { title: vscode.l10n.t('Show logs'), command: 'mitigations.showLogs', icon: 'output' };
    case 'retry':
      return { title: vscode.l10n.t('Retry'), command: 'mitigations.refresh', icon: 'refresh' };
  }
}

export function remedyCommand(remedy: ErrorRemedy): vscode.Command {
  const { title, command } = remedyInfo(remedy);
  return { title, command };
}

export function remedyTitle(remedy: ErrorRemedy): string {
  return remedyInfo(remedy).title;
}

/** "Failed to load actions: <what happened>" (click for logs), then one node per remedy. */
export function errorNodes(what: string, explained: ExplainedError): TreeNode[] {
  const error = new MessageNode(
    vscode.l10n.t('Failed to load {0}: {1}', what, explained.message),
    'error',
    remedyCommand('showLogs'),
    vscode.l10n.t('{0}\nClick for the logs.', explained.message),
  );
  const remedies = explained.remedies
    .filter((remedy) => remedy !== 'showLogs')
    .map((remedy) => new MessageNode(remedyInfo(remedy).title, remedyInfo(remedy).icon, remedyCommand(remedy)));
  return [error, ...remedies];
}

/** The last node of a paginated list; clicking it loads the next page in place. */
export class LoadMoreNode implements TreeNode {
  constructor(readonly load: () => Promise<void>) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('more');
    item.command = { title: vscode.l10n.t('Load more'), command: 'mitigations.loadMore', arguments: [this] };
    item.contextValue = 'loadMore';
    return item;
  }
}

/** A leaf drawn from its NodeModel alone, e.g. a finding or an execution. */
export class ModelNode implements TreeNode {
  constructor(private readonly model: NodeModel, private readonly id: string) {}

  treeItem(): vscode.TreeItem {
    return itemFromModel(this.model, this.id);
  }
}
