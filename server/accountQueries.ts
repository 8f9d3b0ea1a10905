/**
 * Account data from the client over the custom requests of common/lspProtocol.ts, with a short
 * cache and a timeout: a client that does not implement them (any editor but ours) costs one
 * quick failure per cache period, and the features fall back to what the file says.
 */
import type { Connection } from 'vscode-languageserver';
import {
  ACCOUNT_ACTIONS_REQUEST,
  FINDINGS_REQUEST,
  RECENT_AUDITS_REQUEST,
  THING_GROUPS_REQUEST,
  type AccountActionsResult,
  type FindingsParams,
  type FindingsResult,
  type RecentAuditsResult,
  type ThingGroupsResult,
} from '../common/lspProtocol';
import type { AccountDataSource } from './service/accountSource';
import { checkAccountActions, checkFindings, checkRecentAudits, checkThingGroups } from './service/clientAnswers';

export interface AccountDataOptions {
  /** How long an answer (or a failure) is reused. */
  readonly ttlMs?: number;
  /** How long to wait for the client before carrying on without it. */
  readonly timeoutMs?: number;
  readonly log?: (message: string) => void;
}

interface Entry<T> {
  readonly expires: number;
  readonly value: Promise<T | undefined>;
  settled?: T;
}

export class ClientAccountData implements AccountDataSource {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly ttlMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly connection: Pick<Connection, 'sendRequest'>,
    private readonly options: AccountDataOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 1_500;
  }

  /** The account or connection changed: ask again next time. */
  invalidate(): void {
    this.entries.clear();
  }

  actions(): Promise<AccountActionsResult | undefined> {
    return this.ask(ACCOUNT_ACTIONS_REQUEST, undefined, checkAccountActions);
  }

  recentAudits(): Promise<RecentAuditsResult | undefined> {
    return this.ask(RECENT_AUDITS_REQUEST, undefined, checkRecentAudits);
  }

  findings(params: FindingsParams): Promise<FindingsResult | undefined> {
    return this.ask(FINDINGS_REQUEST, params, checkFindings);
  }

  thingGroups(): Promise<ThingGroupsResult | undefined> {
    return this.ask(THING_GROUPS_REQUEST, undefined, checkThingGroups);
  }

  knownActions(): AccountActionsResult | undefined {
    return this.entries.get(ACCOUNT_ACTIONS_REQUEST)?.settled as AccountActionsResult | undefined;
  }

  /** `check` turns the client's raw answer into a well-formed result, or undefined (no answer). */
  private ask<T>(method: string, params: unknown, check: (answer: unknown) => T | undefined): Promise<T | undefined> {
    const key = params === undefined ? method : `${method} ${JSON.stringify(params)}`;
    const now = Date.now();
    const cached = this.entries.get(key) as Entry<T> | undefined;
    if (cached && cached.expires > now) return cached.value;
    const entry: Entry<T> = { expires: now + this.ttlMs, value: this.request(method, params).then(check) };
    // A new request must not erase what synchronous features already know until it answers.
    if (cached?.settled !== undefined) entry.settled = cached.settled;
    entry.value.then((value) => {
      if (value !== undefined) entry.settled = value;
    });
    this.entries.set(key, entry as Entry<unknown>);
    return entry.value;
  }

  private async request(method: string, params: unknown): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.timeoutMs);
    });
    try {
      const pending = (params === undefined ? this.connection.sendRequest<unknown>(method) : this.connection.sendRequest<unknown>(method, params)).catch((error: unknown) => {
        this.options.log?.(`${method}: the client did not answer (${error instanceof Error ? error.message : String(error)}); using the file alone.`);
        return undefined;
      });
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
