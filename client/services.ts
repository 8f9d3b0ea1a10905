/** What commands need from the extension, handed over by the owner class instead of globals. */
import type * as vscode from 'vscode';
import type { AccountAnswers } from './authoring/model/accountAnswers';
import type { ConnectionManager } from './connection/connectionManager';
import type { MitigationLanguageClient } from './authoring/languageClient';
import type { ReadOnlyDocuments } from './shared/readOnlyDocuments';
import type { TaskWatcher } from './tasks/taskWatcher';
import type { ActionsTreeProvider } from './actions/actionsTree';
import type { AuditsTreeProvider } from './audits/auditsTree';
import type { TasksTreeProvider } from './tasks/tasksTree';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionManager;
  readonly accountAnswers: AccountAnswers;
  readonly languageClient: MitigationLanguageClient;
  readonly taskWatcher: TaskWatcher;
  readonly documents: ReadOnlyDocuments;
  readonly trees: {
    readonly actions: ActionsTreeProvider;
    readonly tasks: TasksTreeProvider;
    readonly audits: AuditsTreeProvider;
  };
}
