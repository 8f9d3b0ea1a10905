/**
 * Owns the extension's lifecycle (as rust-analyzer's ctx.ts does): creates the log, the
 * connection, the language client, the trees and the commands, and disposes them in order.
 */
import * as vscode from 'vscode';
import { PREVIEW_TASK_COMMAND, REHEARSE_TASK_COMMAND, START_TASK_COMMAND } from '../common/lspProtocol';
import { copyActionArn, copyActionAsCli, copyTaskAsCli, deleteAction, describeAction } from './actions/actionCommands';
import { ActionsTreeProvider } from './actions/actionsTree';
import { deployActions, deployFromWalkthrough } from './actions/deployCommand';
import { runAudit } from './audits/auditCommands';
import { copyFindingId, openFindingResource, showFindingDetails, startTaskForFinding } from './audits/findingCommands';
import { removeSuppression, suppressFinding } from './audits/suppressionCommands';
import { AuditCheckNode, AuditsTreeProvider } from './audits/auditsTree';
import { importActions, importAuditLoop, newMitigationFile } from './authoring/fileCommands';
import { exportCloudFormation } from './authoring/exportCloudFormation';
import { MitigationLanguageClient } from './authoring/languageClient';
import { AccountAnswers } from './authoring/model/accountAnswers';
import { refresh, resetEmulator, selectConnection, startEmulator, stopEmulator } from './connection/connectionCommands';
import { ConnectionManager } from './connection/connectionManager';
import { BundledEmulator } from './connection/emulatorProcess';
import { emulatorPace, emulatorSeed } from './connection/settings';
import { applySettingsChange } from './connection/settingsChanges';
import { ConnectionStatusBar } from './connection/statusBar';
import { rehearseTaskFromFile } from './rehearsal/rehearseCommand';
import type { Services } from './services';
import { showError } from './shared/feedback';
import { ReadOnlyDocuments } from './shared/readOnlyDocuments';
import type { LoadMoreNode } from './shared/treeNodes';
import { previewTaskFromFile, startTaskFromFile } from './tasks/fileTaskCommands';
import { startTaskWizard } from './tasks/startWizard';
import { TaskDetailsPanel } from './tasks/taskDetailsPanel';
import { PreviewPanel } from './tasks/previewPanel';
import { TaskWatcher } from './tasks/taskWatcher';
import { TasksTreeProvider, type TaskNode } from './tasks/tasksTree';
import { cancelTask, filterTasks } from './tasks/tasksViewCommands';

/** What activate() returns: the services, and the status bar for its words (tests, walkthrough). */
export type MitigationsApi = Services & { readonly statusBar: ConnectionStatusBar };

export class MitigationsExtension implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly services: Services;

  constructor(context: vscode.ExtensionContext) {
    const log = this.own(vscode.window.createOutputChannel(vscode.l10n.t('IoT Mitigations'), { log: true }));
    const emulator = this.own(new BundledEmulator({
      scriptPath: context.asAbsolutePath('dist/emulator.js'),
      statePath: vscode.Uri.joinPath(context.globalStorageUri, 'emulator-state.json').fsPath,
      seed: emulatorSeed,
      pace: emulatorPace,
      log,
    }));
    const connections = this.own(new ConnectionManager(emulator, log));
    const accountAnswers = new AccountAnswers({
      connection: () => connections.connection(),
      explain: (error) => connections.explain(error).message,
      log: (message) => log.warn(message),
    });
    // The connection or the account's data changed: the answers are read again.
    this.own(connections.onDidChange(() => accountAnswers.invalidate()));
    const languageClient = this.own(new MitigationLanguageClient(context.asAbsolutePath('dist/server.js'), accountAnswers, log));
    const taskWatcher = this.own(new TaskWatcher(connections, log));
    const trees = {
      actions: this.own(new ActionsTreeProvider(connections)),
      tasks: this.own(new TasksTreeProvider(connections, taskWatcher)),
      audits: this.own(new AuditsTreeProvider(connections)),
    };
    const documents = this.own(new ReadOnlyDocuments());
    this.services = { context, log, connections, accountAnswers, languageClient, taskWatcher, trees, documents };
  }

  private own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  activate(): MitigationsApi {
    const { services } = this;
    const { connections, trees, languageClient } = services;
    const statusBar = this.own(new ConnectionStatusBar(connections));
    this.own(vscode.window.registerTreeDataProvider('mitigations.actions', trees.actions));
    trees.tasks.view = this.own(vscode.window.createTreeView('mitigations.tasks', { treeDataProvider: trees.tasks, showCollapseAll: true }));
    this.own(vscode.window.registerTreeDataProvider('mitigations.audits', trees.audits));
    this.own(connections.onDidChange(() => languageClient.accountChanged()));
    this.own(vscode.workspace.onDidChangeConfiguration((event) => void applySettingsChange(services, event)));
    void vscode.commands.executeCommand('setContext', 'mitigations.connectionState', connections.state);
    this.registerCommands();
    return { ...services, statusBar };
  }

  private registerCommands(): void {
    const s = this.services;
    const commands: Record<string, (...args: never[]) => unknown> = {
      'mitigations.showLogs': () => s.log.show(),
      'mitigations.selectConnection': () => selectConnection(s),
      'mitigations.startEmulator': () => startEmulator(s),
      'mitigations.stopEmulator': () => stopEmulator(s),
      'mitigations.resetEmulator': () => resetEmulator(s),
      'mitigations.refresh': () => refresh(s),
      'mitigations.loadMore': (node: LoadMoreNode) => node.load().catch((error: unknown) => showError(s.connections, s.log, vscode.l10n.t('Could not load more'), error)),
      'mitigations.deployActions': (uri?: vscode.Uri) => deployActions(s, uri),
      'mitigations.walkthroughDeploy': () => deployFromWalkthrough(s),
      [START_TASK_COMMAND]: (uri?: string, taskName?: string) => startTaskFromFile(s, uri, taskName),
      [PREVIEW_TASK_COMMAND]: (uri?: string, taskName?: string) => previewTaskFromFile(s, uri, taskName),
      [REHEARSE_TASK_COMMAND]: (uri?: string, taskName?: string, auditTaskId?: string) => rehearseTaskFromFile(s, uri, taskName, auditTaskId),
      'mitigations.startTask': (node?: AuditCheckNode) => startTaskWizard(s, node instanceof AuditCheckNode ? { auditTaskId: node.auditTaskId, checkName: node.checkName } : {}),
      'mitigations.cancelTask': (node?: TaskNode | string) => cancelTask(s, node),
      'mitigations.filterTasks': () => filterTasks(s),
      'mitigations.showTaskDetails': async (node?: TaskNode | string) => {
        const taskId = typeof node === 'string' ? node : node?.taskId;
        return taskId ? TaskDetailsPanel.show(s, taskId) : undefined;
      },
      'mitigations.showFindingDetails': (node?: unknown) => showFindingDetails(s, node),
      'mitigations.openFindingResource': (node?: unknown) => openFindingResource(s, node),
      'mitigations.copyFindingId': (node?: unknown) => copyFindingId(node),
      'mitigations.startTaskForFinding': (node?: unknown) => startTaskForFinding(s, node),
      'mitigations.suppressFinding': (node?: unknown) => suppressFinding(s, node),
      'mitigations.removeSuppression': (node?: unknown) => removeSuppression(s, node),
      'mitigations.describeAction': (node?: never) => describeAction(s, node),
      'mitigations.copyActionArn': (node?: never) => copyActionArn(node),
      'mitigations.copyActionAsCli': (node?: never) => copyActionAsCli(s, node),
      'mitigations.copyTaskAsCli': (node?: never) => copyTaskAsCli(s, node),
      'mitigations.deleteAction': (node?: never) => deleteAction(s, node),
      'mitigations.importActions': () => importActions(s),
      'mitigations.importAuditLoop': (uri?: vscode.Uri) => importAuditLoop(s, uri),
      'mitigations.exportCloudFormation': (uri?: vscode.Uri) => exportCloudFormation(s, uri),
      'mitigations.newMitigationFile': () => newMitigationFile(s),
      'mitigations.runAudit': (checks?: string[]) => runAudit(s, Array.isArray(checks) ? checks : undefined),
      'mitigations.restartServer': () => s.languageClient.restart(),
    };
    for (const [id, handler] of Object.entries(commands)) this.own(vscode.commands.registerCommand(id, handler));
  }

  dispose(): void {
    TaskDetailsPanel.disposeAll();
    PreviewPanel.disposeAll();
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }
}
