/**
 * A task's executions as rows of the details view (vscode-free), loaded on demand.
 * ListAuditMitigationActionsExecutions wants a finding id (AWS IoT API reference), so the rows
 * come a page of findings at a time (ListAuditFindings of the task's audit per check, or the
 * task's listed findings through DescribeAuditFinding), then the executions of those findings.
 * The finding gives each row its check, severity and resource. At most `maxRows` rows are kept,
 * so a 50,000-finding task costs the extension host a bounded amount of memory.
 */
import type { AuditFinding, AuditMitigationActionExecutionMetadata } from '@aws-sdk/client-iot';
import { resourceColumns, type ResourceColumns } from '../../shared/model/findingResource';
import { formatTime } from '../../shared/model/treeModel';
import type { Page } from '../../shared/model/iotApi';
import { mapLimited } from '../../shared/model/iotApi';

/** Requests in flight while a page is read. */
const CONCURRENCY = 8;

/** Rows a person sees without scrolling: the details view reads and shows these first. */
export const FIRST_SCREEN = 25;

export interface ExecutionRow extends ResourceColumns {
  readonly findingId: string;
  readonly checkName: string;
  readonly severity: string;
  readonly actionName: string;
  readonly status: string;
  readonly error: string;
  readonly started: string;
}

/** The columns the view sorts and filters on, in table order. */
export const EXECUTION_COLUMNS = ['findingId', 'checkName', 'severity', 'resourceFull', 'actionName', 'status', 'error', 'started'] as const;
export type ExecutionColumn = (typeof EXECUTION_COLUMNS)[number];

/** The parts of the IoT API the rows are read through (IotApi has them). */
export interface ExecutionSource {
  listFindings(filter: { taskId?: string; checkName?: string }, nextToken: string | undefined, maxResults: number): Promise<Page<AuditFinding>>;
  describeFinding(findingId: string): Promise<AuditFinding | undefined>;
  listExecutions(taskId: string, findingId: string): Promise<AuditMitigationActionExecutionMetadata[]>;
}

export interface PagedTask {
  readonly taskId: string;
  readonly target?: { readonly auditTaskId?: string; readonly findingIds?: readonly string[] };
  readonly taskStatistics?: Readonly<Record<string, unknown>>;
}

export function executionRow(finding: AuditFinding | undefined, execution: AuditMitigationActionExecutionMetadata): ExecutionRow {
  return {
    findingId: execution.findingId ?? finding?.findingId ?? '',
    checkName: finding?.checkName ?? '',
    severity: finding?.severity ?? '',
    ...resourceColumns(finding?.nonCompliantResource),
    actionName: execution.actionName ?? '',
    status: execution.status ?? '',
    error: [execution.errorCode, execution.message].filter(Boolean).join(': '),
    started: formatTime(execution.startTime),
  };
}

/**
 * Reads the rows as the view needs them: each read takes as many findings as rows are still
 * wanted (at most `findingsPerPage`), so a first screen costs a first screen of requests.
 */
export class ExecutionPager {
  private readonly loaded: ExecutionRow[] = [];
  /** The checks to read in turn; a findingIds target is read as one list, whatever the check. */
  private readonly checks: readonly (string | undefined)[];
  private checkIndex = 0;
  private nextToken: string | undefined;
  private exhausted = false;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly source: ExecutionSource,
    private readonly task: PagedTask,
    private readonly options: { readonly findingsPerPage: number; readonly maxRows: number } = { findingsPerPage: 100, maxRows: 20_000 },
  ) {
    this.checks = task.target?.findingIds?.length ? [undefined] : Object.keys(task.taskStatistics ?? {});
    if (this.checks.length === 0) this.exhausted = true;
  }

  get rows(): readonly ExecutionRow[] {
    return this.loaded;
  }

  /** True when every execution is loaded (or the row limit is reached). */
  get complete(): boolean {
    return this.exhausted || this.capped;
  }

  /** True when loading stopped at the row limit. */
  get capped(): boolean {
    return this.loaded.length >= this.options.maxRows;
  }

  /** Loads until at least `count` rows are there or nothing more is; one load at a time. */
  async ensure(count: number): Promise<void> {
    while (this.loaded.length < count && !this.complete) {
      this.loading ??= this.loadPage(count - this.loaded.length).finally(() => { this.loading = undefined; });
      await this.loading;
    }
  }

  private async loadPage(wanted: number): Promise<void> {
    const size = Math.min(Math.max(1, wanted), this.options.findingsPerPage);
    const page = await findingsPage(this.source, this.task, this.checks[this.checkIndex], this.nextToken, size);
    this.nextToken = page.nextToken;
    if (!this.nextToken) {
      this.checkIndex += 1;
      if (this.checkIndex >= this.checks.length) this.exhausted = true;
    }
    const executions = await mapLimited(page.items, CONCURRENCY, (finding) => this.source.listExecutions(this.task.taskId, finding.findingId ?? ''));
    page.items.forEach((finding, index) => {
      for (const execution of executions[index]) {
        if (this.loaded.length < this.options.maxRows) this.loaded.push(executionRow(finding, execution));
      }
    });
  }
}

export interface ExecutionView {
  readonly filter: string;
  readonly sortColumn?: ExecutionColumn;
  readonly ascending: boolean;
  /** Zero-based page of the filtered, sorted rows. */
  readonly page: number;
}

/** Made on the first sort, not when the extension loads: creating a collator reads ICU's data (about 10 ms, most of activation's own work). */
let collator: Intl.Collator | undefined;
const rowCollator = (): Intl.Collator => (collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }));

/** A row matches when any column (the resource's full id included) contains every word of the filter. */
export function filterRows(rows: readonly ExecutionRow[], filter: string): readonly ExecutionRow[] {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = `${row.findingId}\n${row.checkName}\n${row.severity}\n${row.resourceKind}\n${row.resourceFull}\n${row.actionName}\n${row.status}\n${row.error}\n${row.started}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function sortRows(rows: readonly ExecutionRow[], column: ExecutionColumn, ascending: boolean): readonly ExecutionRow[] {
  const direction = ascending ? 1 : -1;
  const { compare } = rowCollator();
  return [...rows].sort((a, b) => direction * compare(a[column], b[column]));
}

export interface ViewPage {
  readonly rows: readonly ExecutionRow[];
  /** Rows the filter lets through, among the loaded ones. */
  readonly matching: number;
  readonly loaded: number;
  readonly page: number;
  readonly pages: number;
}

/** The page of the view: filter, then sort, then slice; a page past the end shows the last one. */
export function viewPage(rows: readonly ExecutionRow[], view: ExecutionView, pageSize: number): ViewPage {
  const filtered = filterRows(rows, view.filter);
  const sorted = view.sortColumn ? sortRows(filtered, view.sortColumn, view.ascending) : filtered;
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(Math.max(0, view.page), pages - 1);
  return { rows: sorted.slice(page * pageSize, (page + 1) * pageSize), matching: sorted.length, loaded: rows.length, page, pages };
}

/** An execution with the finding it acted on, as the Tasks view lists them. */
export interface ExecutionWithFinding {
  readonly execution: AuditMitigationActionExecutionMetadata;
  readonly finding: AuditFinding;
}

/**
 * A page of the task's findings: ListAuditFindings of its audit for one check, or, for a
 * findingIds target, DescribeAuditFinding of the next listed ids (the token is the offset into
 * the list), of one check or of any when `checkName` is undefined. The details pager and the
 * Tasks view read through this one function.
 */
export async function findingsPage(source: ExecutionSource, task: PagedTask, checkName: string | undefined, nextToken: string | undefined, maxResults: number): Promise<Page<AuditFinding>> {
  const listed = task.target?.findingIds;
  if (!listed?.length) return source.listFindings({ taskId: task.target?.auditTaskId, checkName }, nextToken, maxResults);
  const offset = Number(nextToken ?? 0) || 0;
  const described = await mapLimited(listed.slice(offset, offset + maxResults), CONCURRENCY, (findingId) => source.describeFinding(findingId).catch(() => undefined));
  const items = described.filter((finding): finding is AuditFinding => finding !== undefined && (checkName === undefined || finding.checkName === checkName));
  return { items, nextToken: offset + maxResults < listed.length ? String(offset + maxResults) : undefined };
}

/**
 * One page of a check's executions for the Tasks view: a page of the check's findings and their
 * executions, so nothing is read for rows not shown.
 */
export async function checkExecutionsPage(source: ExecutionSource, task: PagedTask, checkName: string, nextToken: string | undefined, maxResults: number): Promise<Page<ExecutionWithFinding>> {
  const page = await findingsPage(source, task, checkName, nextToken, maxResults);
  const perFinding = await mapLimited(page.items, CONCURRENCY, async (finding) =>
    (await source.listExecutions(task.taskId, finding.findingId ?? '')).map((execution) => ({ execution, finding })));
  return { items: perFinding.flat(), nextToken: page.nextToken };
}
