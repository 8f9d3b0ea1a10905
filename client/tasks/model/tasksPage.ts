/**
 * A page of the Tasks view (vscode-free): ListAuditMitigationActionsTasks over the account's last
 * 90 days, counted from its clock (the emulator's may have been moved ahead), newest first.
 */
import type { AuditMitigationActionsTaskMetadata } from '@aws-sdk/client-iot';
import type { ClockedConnection, ListWindow } from '../../shared/model/accountClock';
import type { IotApi, Page } from '../../shared/model/iotApi';

export interface TaskListingConnection extends ClockedConnection {
  readonly api: Pick<IotApi, 'listTasks'>;
}

/** `window` keeps the first page's window for the pages after it. `taskStatus`: one status, or all. */
export async function tasksPage(connection: TaskListingConnection, window: ListWindow, taskStatus: string | undefined, nextToken: string | undefined, maxResults: number): Promise<Page<AuditMitigationActionsTaskMetadata>> {
  return connection.api.listTasks(await window.forPage(connection, nextToken), taskStatus, nextToken, maxResults);
}
