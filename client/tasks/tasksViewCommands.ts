/** Commands of the Tasks view: cancel a running task, filter the list by status. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { confirmChange, requireTrust, showError } from '../shared/feedback';
import { accountWindow } from '../shared/model/accountClock';
import { formatTime } from '../shared/model/treeModel';
import { AUDIT_MITIGATION_ACTIONS_TASK_STATUSES } from '../../common/model';
import type { TaskNode } from './tasksTree';

export async function cancelTask(services: Services, target?: TaskNode | string): Promise<boolean> {
  if (!requireTrust()) return false;
  let taskId = typeof target === 'string' ? target : target?.taskId;
  try {
    const connection = await services.connections.connection();
    if (!taskId) {
      const running = await connection.api.listTasks(await accountWindow(connection), 'IN_PROGRESS', undefined, 50);
      if (running.items.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No mitigation task is running in {0}.', connection.label));
        return false;
      }
      taskId = (await vscode.window.showQuickPick(running.items.map((task) => ({ label: task.taskId ?? '', description: formatTime(task.startTime) })), { title: vscode.l10n.t('Cancel which task?') }))?.label;
      if (!taskId) return false;
    }
    if (connection.isRealAccount && !(await confirmChange(connection, vscode.l10n.t('Cancel mitigation task {0}', taskId), vscode.l10n.t('Remaining actions are not applied; actions already applied are not rolled back.'), vscode.l10n.t('Cancel Task')))) return false;
    await connection.api.cancelTask(taskId);
    services.log.info(`Canceled mitigation task ${taskId}`);
    services.connections.dataChanged();
    vscode.window.setStatusBarMessage(vscode.l10n.t('Canceled {0}', taskId), 5000);
    return true;
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not cancel {0}', taskId ?? vscode.l10n.t('the task')), error);
    return false;
  }
}

export async function filterTasks(services: Services): Promise<void> {
  const all = vscode.l10n.t('All statuses');
  const picked = await vscode.window.showQuickPick([all, ...AUDIT_MITIGATION_ACTIONS_TASK_STATUSES], { title: vscode.l10n.t('Show tasks with status'), placeHolder: services.trees.tasks.filter ?? all });
  if (picked) services.trees.tasks.setFilter(picked === all ? undefined : picked);
}
