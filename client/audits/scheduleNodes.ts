/**
 * The Audits view's "Schedules" node: the account's scheduled audits, each with how often it
 * runs, its checks, its next run from the calendar and its last run (client/audits/model/
 * schedules.ts). Scheduled runs, once ended, are described once per connection.
 */
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { loadSdk } from '../lazyBundles';
import { errorNodes, itemFromModel, MessageNode, type TreeNode } from '../shared/treeNodes';
import type { ScheduledRun } from './model/auditLoopReads';
import { accountNow } from '../shared/model/accountClock';
import { lastRuns, scheduleNode, schedulesNode, type ScheduleFacts } from './model/schedules';

class ScheduleNode implements TreeNode {
  constructor(private readonly schedule: ScheduleFacts, private readonly lastRun: ScheduledRun | undefined, private readonly now: number) {}

  treeItem(): vscode.TreeItem {
    return itemFromModel(scheduleNode(this.schedule, this.lastRun, this.now), `schedule:${this.schedule.scheduledAuditName}`);
  }
}

export class SchedulesNode implements TreeNode {
  /** Scheduled runs described so far, by connection label and task id. */
  private readonly runs = new Map<string, Map<string, ScheduledRun>>();

  constructor(private readonly connections: ConnectionManager) {}

  treeItem(): vscode.TreeItem {
    return itemFromModel(schedulesNode(), 'schedules');
  }

  /** Forgets what was described: another connection's runs are not this one's. */
  forget(): void {
    this.runs.clear();
  }

  async children(): Promise<TreeNode[]> {
    try {
      const connection = await this.connections.connection();
      const sdk = loadSdk();
      const known = this.runs.get(connection.label) ?? new Map<string, ScheduledRun>();
      const now = await accountNow(connection);
      const [schedules, runs] = await Promise.all([sdk.readScheduledAudits(connection.api.client), sdk.readScheduledRuns(connection.api.client, known, now)]);
      for (const run of runs) known.set(run.taskId, run);
      this.runs.set(connection.label, known);
      if (schedules.length === 0) return [new MessageNode(vscode.l10n.t('No scheduled audits in this account and region.'), 'info')];
      const newest = lastRuns(runs);
      return schedules.map((schedule) => new ScheduleNode(schedule, newest.get(schedule.scheduledAuditName ?? ''), now));
    } catch (error) {
      return errorNodes(vscode.l10n.t('scheduled audits'), this.connections.explain(error));
    }
  }
}
