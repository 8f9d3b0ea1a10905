/** What starting and previewing a task read from the account: action types, findings, action params. */
import type { AuditFinding } from '@aws-sdk/client-iot';
import type { MitigationActionType } from '../../common';
import type { Connection } from '../connection/connectionManager';
import type { ActionFacts } from '../connection/model/confirmations';
import { accountWindow } from '../shared/model/accountClock';
import { mapLimited } from '../shared/model/iotApi';
import type { StartTaskInput } from './model/taskStart';

export async function accountActionTypes(connection: Connection): Promise<Map<string, MitigationActionType | undefined>> {
  const actions = await connection.api.listAllActions();
  return new Map(actions.map((action) => [action.actionName, action.actionType]));
}

export async function findingsFor(connection: Connection, input: Pick<StartTaskInput, 'target' | 'auditCheckToActionsMapping'>): Promise<AuditFinding[]> {
  if (input.target.findingIds?.length) {
    const results = await mapLimited(input.target.findingIds, 8, (findingId) => connection.api.describeFinding(findingId).catch(() => undefined));
    return results.filter((finding): finding is AuditFinding => finding !== undefined);
  }
  const checks = Object.keys(input.auditCheckToActionsMapping);
  const taskId = input.target.auditTaskId;
  // Without an audit (not a valid target, but read as the API would): the account's last 90 days.
  const window = taskId ? undefined : await accountWindow(connection);
  const perCheck = await mapLimited(checks, 4, (checkName) => connection.api.listAllFindings({ taskId, checkName, window }));
  return perCheck.flat();
}

/** What the account says about each mapped action: its type and params (what will run). */
export async function mappedActionFacts(connection: Connection, input: StartTaskInput, actionTypes: ReadonlyMap<string, MitigationActionType | undefined>): Promise<Map<string, ActionFacts>> {
  const names = [...new Set(Object.values(input.auditCheckToActionsMapping).flat())];
  const described = await mapLimited(names, 5, (name) => connection.api.describeAction(name).then(
    (action): [string, ActionFacts] => [name, { type: (action.actionType as MitigationActionType | undefined) ?? actionTypes.get(name), actionParams: action.actionParams as Record<string, unknown> | undefined }],
    (): [string, ActionFacts] => [name, { type: actionTypes.get(name) }],
  ));
  return new Map(described);
}
