/**
 * Account data the client may provide through the custom requests of common/lspProtocol.ts.
 * The service only sees this interface; the server implements it with caching and timeouts,
 * tests with plain objects. `undefined` everywhere means "unknown": features fall back to the file.
 */
import type { AccountActionsResult, FindingsParams, FindingsResult, RecentAuditsResult, ThingGroupsResult } from '../../common/lspProtocol';

export interface AccountDataSource {
  actions(): Promise<AccountActionsResult | undefined>;
  recentAudits(): Promise<RecentAuditsResult | undefined>;
  findings(params: FindingsParams): Promise<FindingsResult | undefined>;
  thingGroups(): Promise<ThingGroupsResult | undefined>;
  /** What is already known, without asking the client (for synchronous features). */
  knownActions(): AccountActionsResult | undefined;
}
