/**
 * The audits a task can take its findings from (vscode-free): the completed ones of the account's
 * last 90 days, counted from its clock (the emulator's may have been moved ahead), labelled as in
 * the Audits view, newest first.
 */
import { auditFindingCounts, auditLabel, newestFirst } from '../../../common/auditLabel';
import { accountWindow, type ClockedConnection } from '../../shared/model/accountClock';
import { mapLimited, type IotApi } from '../../shared/model/iotApi';

/** Audits described from each end of the listed ones, to label and order them. */
const AUDITS_SHOWN = 10;

export interface AuditChoice {
  readonly label: string;
  /** The audit's id: shown beside the label, and matched when typed. */
  readonly description: string;
  readonly taskId: string;
}

export interface AuditListingConnection extends ClockedConnection {
  readonly api: Pick<IotApi, 'listAudits' | 'describeAudit'>;
}

/** The completed audits, newest first; empty when there is none. */
export async function completedAuditChoices(connection: AuditListingConnection): Promise<AuditChoice[]> {
  const page = await connection.api.listAudits(await accountWindow(connection), undefined, 250);
  const completed = page.items.filter((audit) => audit.taskStatus === 'COMPLETED');
  // ListAuditTasks names no start time and promises no order: describe both ends of the list.
  const ends = [...new Set([...completed.slice(0, AUDITS_SHOWN), ...completed.slice(-AUDITS_SHOWN)])];
  const described = await mapLimited(ends, 5, (audit) => connection.api.describeAudit(audit.taskId ?? '').then((details) => ({ audit, details }), () => ({ audit, details: undefined })));
  return newestFirst(described.map(({ audit, details }) => ({ audit, details, startTime: details?.taskStartTime }))).map(({ audit, details }) => ({
    label: auditLabel({ type: audit.taskType, status: audit.taskStatus, startTime: details?.taskStartTime, counts: auditFindingCounts(details?.auditDetails) }),
    description: audit.taskId ?? '',
    taskId: audit.taskId ?? '',
  }));
}
