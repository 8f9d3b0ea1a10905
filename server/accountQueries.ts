/**
 * Asks the client for account data over the custom requests of common/lspProtocol.ts. The cache
 * is the client's (client/authoring/model/accountAnswers.ts): the client owns the connection and
 * knows when it changes, so it can drop what it read; the server cannot. Here, each question is
 * asked once at a time (callers share the pending request), the last answer is kept for the
 * synchronous features, and a client that does not implement a request (any editor but ours)
 * costs one quick failure: from then on that request is not asked and the features use the file
 * alone. A client that is slow to answer is waited for `timeoutMs`, then asked again next time.
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

interface AccountQueriesOptions {
  /** How long to wait for the client before carrying on without it. */
  readonly timeoutMs?: number;
  readonly log?: (message: string) => void;
}

export class ClientAccountQueries implements AccountDataSource {
  private readonly pending = new Map<string, Promise<unknown>>();
  /** The last well-formed answer per question: what synchronous features know. */
  private readonly settled = new Map<string, unknown>();
  /** Requests the client refused: it does not implement them. */
  private readonly unsupported = new Set<string>();
  private readonly timeoutMs: number;

  constructor(
    private readonly connection: Pick<Connection, 'sendRequest'>,
    private readonly options: AccountQueriesOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1_500;
  }

  /** The account or connection changed: forget the answers (the client drops its cache too). */
  invalidate(): void {
    this.settled.clear();
    this.unsupported.clear();
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
    return this.settled.get(ACCOUNT_ACTIONS_REQUEST) as AccountActionsResult | undefined;
  }

  /** `check` turns the client's raw answer into a well-formed result, or undefined (no answer). */
  private ask<T>(method: string, params: unknown, check: (answer: unknown) => T | undefined): Promise<T | undefined> {
    if (this.unsupported.has(method)) return Promise.resolve(undefined);
    const key = params === undefined ? method : `${method} ${JSON.stringify(params)}`;
    const asked = this.pending.get(key) as Promise<T | undefined> | undefined;
    if (asked) return asked;
    const answer = this.request(method, params).then((raw) => {
      const value = check(raw);
      // A failed or empty answer must not erase what synchronous features already know.
      if (value !== undefined) this.settled.set(key, value);
      return value;
    }).finally(() => this.pending.delete(key));
    this.pending.set(key, answer);
    return answer;
  }

  private async request(method: string, params: unknown): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.timeoutMs);
    });
    try {
      const sent = params === undefined ? this.connection.sendRequest<unknown>(method) : this.connection.sendRequest<unknown>(method, params);
      const answered = sent.catch((error: unknown) => {
        this.unsupported.add(method);
        this.options.log?.(`${method}: the client did not answer (${error instanceof Error ? error.message : String(error)}); using the file alone.`);
        return undefined;
      });
      return await Promise.race([answered, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
