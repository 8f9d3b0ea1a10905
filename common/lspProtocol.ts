/**
 * Custom messages between the extension (client) and the language server, shared by both
 * sides as in vscode-eslint's customMessages. Plain data: no LSP library types here.
 */
import type { MitigationActionType } from './model';
import type { Severity } from './auditChecks';
import type { AuditFindingCounts } from './auditLabel';

// Server → client requests: the account of the current connection, as the client can read it.
/** Actions that exist in the account. */
export const ACCOUNT_ACTIONS_REQUEST = 'mitigations/accountActions';
/** Recent audit tasks (newest first). */
export const RECENT_AUDITS_REQUEST = 'mitigations/recentAudits';
/** Thing groups of the account (ListThingGroups), for `thingGroupNames`. */
export const THING_GROUPS_REQUEST = 'mitigations/thingGroups';
/** Findings of one audit (or recent ones), optionally of one check: params FindingsParams. */
export const FINDINGS_REQUEST = 'mitigations/findings';

/**
 * Every answer of the client to those requests: a list under `key`, and whether it could be
 * read at all (false when no connection is usable: then the features use the file alone, and
 * references to unknown actions are only warnings).
 */
export type AccountAnswer<Key extends string, Item> = {
  readonly available: boolean;
  /** Where the data came from, for hover text, e.g. "emulator" or "aws 123456789012 eu-west-1". */
  readonly source?: string;
} & { readonly [key in Key]: readonly Item[] };

export type AccountActionsResult = AccountAnswer<'actions', AccountAction>;
export type RecentAuditsResult = AccountAnswer<'audits', RecentAudit>;
export type ThingGroupsResult = AccountAnswer<'groups', AccountThingGroup>;
export type FindingsResult = AccountAnswer<'findings', FindingSummary>;

export interface AccountAction {
  readonly name: string;
  readonly type: MitigationActionType;
  readonly arn?: string;
}

export interface RecentAudit {
  readonly taskId: string;
  /** The AuditTaskStatus and AuditTaskType, as the account reports them. */
  readonly status: string;
  readonly type: string;
  /** Epoch milliseconds. */
  readonly startTime?: number;
  /** What a completed audit found (common/auditLabel.ts), when it could be described. */
  readonly counts?: AuditFindingCounts;
}

export interface AccountThingGroup {
  readonly name: string;
  readonly arn?: string;
}

export interface FindingsParams {
  readonly auditTaskId?: string;
  readonly checkName?: string;
}

export interface FindingSummary {
  readonly findingId: string;
  readonly checkName: string;
  readonly severity: Severity;
  /** A short description of the non-compliant resource, e.g. "DEVICE_CERTIFICATE 3f2a…". */
  readonly resource: string;
  readonly reasonCode?: string;
}

/** Client → server notification: the connection or its data changed; drop caches, revalidate. */
export const ACCOUNT_CHANGED_NOTIFICATION = 'mitigations/accountChanged';

/** Commands the server's CodeLens invoke; the extension registers them. Arguments: [uri, taskName]. */
export const START_TASK_COMMAND = 'mitigations.startTaskFromFile';
export const PREVIEW_TASK_COMMAND = 'mitigations.previewTaskFromFile';
/** Arguments: [uri, taskName, auditTaskId?]: runs the task on a local twin of the account. */
export const REHEARSE_TASK_COMMAND = 'mitigations.rehearseTaskFromFile';

/** The language id and file pattern of mitigation files. */
export const LANGUAGE_ID = 'mitigation-json';
export const FILE_GLOB = '**/*.mitigation.json';
