/**
 * The extension's answers to the language server's account requests (common/lspProtocol.ts),
 * read through IotApi. Kept apart from the VS Code wiring (client/accountData.ts) so they are
 * tested against the emulator with the real SDK.
 */
import type { RecentAuditsResult, ThingGroupsResult } from '../../../common/lspProtocol';
import { mapLimited, retentionWindow, type IotApi } from '../../shared/model/iotApi';

/** ListAuditTasks names no start time; DescribeAuditTask does (taskStartTime). */
const DESCRIBE_CONCURRENCY = 5;

/** The newest `limit` audits with status, type and start time (epoch ms) for audit-id completion. */
export async function recentAuditsAnswer(api: IotApi, limit = 25): Promise<RecentAuditsResult> {
  const page = await api.listAudits(retentionWindow(), undefined, limit);
  const audits = await mapLimited(page.items, DESCRIBE_CONCURRENCY, async (audit) => {
    const taskId = audit.taskId ?? '';
    // One audit that cannot be described still gets its id, status and type.
    const started = await api.describeAudit(taskId).then((details) => details.taskStartTime, () => undefined);
    const base = { taskId, status: audit.taskStatus ?? '', type: audit.taskType ?? '' };
    return started ? { ...base, startTime: started.getTime() } : base;
  });
  return { available: true, audits };
}

/** Every thing group of the account for `thingGroupNames` completion. */
export async function thingGroupsAnswer(api: IotApi, source: string): Promise<ThingGroupsResult> {
  const groups = await api.listAllThingGroups();
  return {
    available: true,
    source,
    groups: groups.filter((group) => group.groupName).map((group) => (group.groupArn ? { name: group.groupName!, arn: group.groupArn } : { name: group.groupName! })),
  };
}
