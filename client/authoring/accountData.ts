/**
 * Account data the language server asks for (actions, recent audits, findings), read from the
 * current connection and cached briefly so typing does not hammer the API. When no connection
 * is usable the answers say `available: false` and the server falls back to the file alone.
 */
import * as vscode from 'vscode';
import {
  type AccountActionsResult,
  type FindingsParams,
  type FindingsResult,
  type RecentAuditsResult,
  type ThingGroupsResult,
} from '../../common/lspProtocol';
import type { Severity } from '../../common';
import type { ConnectionManager } from '../connection/connectionManager';
import { recentAuditsAnswer, thingGroupsAnswer } from './model/accountAnswers';
import { describeResource } from '../audits/model/findings';

const CACHE_MS = 30_000;

interface Cached<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

export class AccountData implements vscode.Disposable {
  private cache = new Map<string, Cached<unknown>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionManager, private readonly log: vscode.LogOutputChannel) {
    this.subscription = connections.onDidChange(() => this.invalidate());
  }

  invalidate(): void {
    this.cache.clear();
  }

  private cached<T>(key: string, load: () => Promise<T>, unavailable: T): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
    const value = load().catch((error: unknown) => {
      this.log.warn(`Account data "${key}" unavailable: ${this.connections.explain(error).message}`);
      this.cache.delete(key);
      return unavailable;
    });
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  actions(): Promise<AccountActionsResult> {
    return this.cached<AccountActionsResult>('actions', async () => {
      const connection = await this.connections.connection();
      const actions = await connection.api.listAllActions();
      return {
        available: true,
        source: connection.label,
        actions: actions.map((action) => ({ name: action.actionName, type: action.actionType, arn: action.actionArn })),
      };
    }, { available: false, actions: [] });
  }

  recentAudits(): Promise<RecentAuditsResult> {
    return this.cached<RecentAuditsResult>('audits', async () => {
      const connection = await this.connections.connection();
      return recentAuditsAnswer(connection.api);
    }, { available: false, audits: [] });
  }

  thingGroups(): Promise<ThingGroupsResult> {
    return this.cached<ThingGroupsResult>('thingGroups', async () => {
      const connection = await this.connections.connection();
      return thingGroupsAnswer(connection.api, connection.label);
    }, { available: false, groups: [] });
  }

  findings(params: FindingsParams): Promise<FindingsResult> {
    return this.cached<FindingsResult>(`findings:${params.auditTaskId ?? ''}:${params.checkName ?? ''}`, async () => {
      const connection = await this.connections.connection();
      const page = await connection.api.listFindings({ taskId: params.auditTaskId, checkName: params.checkName }, undefined, 100);
      return {
        available: true,
        findings: page.items.map((finding) => ({
          findingId: finding.findingId ?? '',
          checkName: finding.checkName ?? '',
          severity: (finding.severity ?? 'LOW') as Severity,
          resource: describeResource(finding),
          reasonCode: finding.reasonForNonComplianceCode,
        })),
      };
    }, { available: false, findings: [] });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
