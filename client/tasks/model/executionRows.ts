/**
 * One page of a task check's executions together with their findings (vscode-free), so the
 * Tasks view names the resource each action touched. ListAuditMitigationActionsExecutions
 * needs a finding id, so a page is a page of the check's findings (ListAuditFindings of the
 * task's audit, or DescribeAuditFinding of the task's listed findings) and their executions:
 * the findings come with the page, and nothing is read for rows not shown.
 */
import type { AuditFinding, AuditMitigationActionExecutionMetadata } from '@aws-sdk/client-iot';
import { mapLimited, type IotApi, type Page } from '../../shared/model/iotApi';
import type { DescribedTask } from './taskFollower';

export interface ExecutionRow {
  readonly execution: AuditMitigationActionExecutionMetadata;
  readonly finding: AuditFinding;
}

/** Requests in flight per page. */
const CONCURRENCY = 8;

async function findingsPage(api: IotApi, task: DescribedTask, checkName: string, nextToken: string | undefined, maxResults: number): Promise<Page<AuditFinding>> {
  const listed = task.target?.findingIds;
  if (!listed?.length) return api.listFindings({ taskId: task.target?.auditTaskId, checkName }, nextToken, maxResults);
  // A findingIds target: the token is the offset into the task's list.
  const offset = Number(nextToken ?? 0) || 0;
  const described = await mapLimited(listed.slice(offset, offset + maxResults), CONCURRENCY, (findingId) => api.describeFinding(findingId).catch(() => undefined));
  const items = described.filter((finding): finding is AuditFinding => finding?.checkName === checkName);
  return { items, nextToken: offset + maxResults < listed.length ? String(offset + maxResults) : undefined };
}

export async function executionRows(api: IotApi, task: DescribedTask, checkName: string, nextToken: string | undefined, maxResults: number): Promise<Page<ExecutionRow>> {
  const page = await findingsPage(api, task, checkName, nextToken, maxResults);
  const perFinding = await mapLimited(page.items, CONCURRENCY, async (finding) =>
    (await api.listExecutions(task.taskId, finding.findingId ?? '')).map((execution) => ({ execution, finding })));
  return { items: perFinding.flat(), nextToken: page.nextToken };
}
