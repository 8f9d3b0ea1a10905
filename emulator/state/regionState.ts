/**
 * Everything one account holds in one region, as tables of entities plus the indexes the
 * resource operations, audits and mitigations need to stay fast on a 100,000-thing fleet.
 */
import type {
  AuditConfiguration,
  AuditFinding,
  AuditSuppression,
  AuditTask,
  BillingGroup,
  CaCertificate,
  Certificate,
  CognitoIdentityPool,
  Connection,
  Execution,
  ExecutionRun,
  IamRole,
  LoggingOptions,
  MitigationAction,
  MitigationTask,
  Policy,
  RoleAlias,
  ScheduledAudit,
  SnsMessage,
  Thing,
  ThingGroup,
  ThingType,
} from './types';
import { Table, type ChangeListener } from './table';

type Singleton = { logging?: LoggingOptions; auditConfiguration?: AuditConfiguration };

function addTo(index: Map<string, Set<string>>, key: string, member: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(member);
}

function removeFrom(index: Map<string, Set<string>>, key: string, member: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(member);
  if (set.size === 0) index.delete(key);
}

export class RegionState {
  /** certificateId → names of things it is attached to. */
  readonly thingsByCertificate = new Map<string, Set<string>>();
  /** group name → names of member things. */
  readonly thingsByGroup = new Map<string, Set<string>>();
  /** audit task id → its finding ids in finding order. */
  readonly findingsByAudit = new Map<string, string[]>();
  /** mitigation task id → its execution runs in plan order (they are written in that order). */
  readonly runsByTask = new Map<string, ExecutionRun[]>();

  /** Every table, in the order they are declared below (snapshots and transactions go through all). */
  private readonly tables: Table<unknown>[] = [];

  readonly things = this.table<Thing>('things', (name, before, after) => {
    for (const id of before?.principals ?? []) removeFrom(this.thingsByCertificate, id, name);
    for (const group of before?.groupNames ?? []) removeFrom(this.thingsByGroup, group, name);
    for (const id of after?.principals ?? []) addTo(this.thingsByCertificate, id, name);
    for (const group of after?.groupNames ?? []) addTo(this.thingsByGroup, group, name);
  });
  readonly thingGroups = this.table<ThingGroup>('thingGroups');
  readonly thingTypes = this.table<ThingType>('thingTypes');
  readonly billingGroups = this.table<BillingGroup>('billingGroups');
  readonly certificates = this.table<Certificate>('certificates');
  readonly caCertificates = this.table<CaCertificate>('caCertificates');
  readonly policies = this.table<Policy>('policies');
  readonly roles = this.table<IamRole>('roles');
  readonly connections = this.table<Connection>('connections');
  readonly cognitoIdentityPools = this.table<CognitoIdentityPool>('cognitoIdentityPools');
  readonly roleAliases = this.table<RoleAlias>('roleAliases');
  readonly suppressions = this.table<AuditSuppression>('suppressions');
  readonly scheduledAudits = this.table<ScheduledAudit>('scheduledAudits');
  readonly topics = this.table<{ topicArn: string }>('topics');
  readonly mitigationActions = this.table<MitigationAction>('mitigationActions');
  readonly auditTasks = this.table<AuditTask>('auditTasks');
  readonly findings = this.table<AuditFinding>('findings', (id, before, after) => {
    if (!before && after) {
      let list = this.findingsByAudit.get(after.taskId);
      if (!list) this.findingsByAudit.set(after.taskId, (list = []));
      list.push(id);
    } else if (before && !after) {
      const list = this.findingsByAudit.get(before.taskId);
      if (list) this.findingsByAudit.set(before.taskId, list.filter((other) => other !== id));
    }
  });
  readonly mitigationTasks = this.table<MitigationTask>('mitigationTasks');
  /** Task id → finding ids in execution order. Written once, apart from the task, so progress journals small records. */
  readonly taskPlans = this.table<string[]>('taskPlans');
  /** Executions that started or ended apart from a run (paced, failed, skipped, canceled) or, in older state files, every execution. */
  readonly executions = this.table<Execution>('executions');
  readonly executionRuns = this.table<ExecutionRun>('executionRuns', (_key, before, after) => {
    if (before) {
      const runs = this.runsByTask.get(before.taskId);
      if (runs) this.runsByTask.set(before.taskId, runs.filter((run) => run !== before));
    }
    if (after) {
      let runs = this.runsByTask.get(after.taskId);
      if (!runs) this.runsByTask.set(after.taskId, (runs = []));
      runs.push(after);
    }
  });
  readonly snsMessages = this.table<SnsMessage>('snsMessages');
  readonly settings = this.table<Singleton[keyof Singleton]>('settings');

  constructor(
    readonly account: string,
    readonly region: string,
    private readonly listener: ChangeListener,
  ) {}

  private table<T>(name: string, onUpdate?: (key: string, previous: T | undefined, next: T | undefined) => void): Table<T> {
    // Field initializers run before the constructor's parameter properties are set: look the listener up per change.
    const table = new Table<T>(name, (changed, key, value, previous) => this.listener(changed, key, value, previous), onUpdate);
    this.tables.push(table as Table<unknown>);
    return table;
  }

  /** The finding ids a task mitigates, in order. */
  planOf(taskId: string): readonly string[] {
    return this.taskPlans.get(taskId) ?? [];
  }

  /** The run of `taskId` that covers plan position `position`, if any (binary search: runs do not overlap and come in plan order). */
  runCovering(taskId: string, position: number): ExecutionRun | undefined {
    const runs = this.runsByTask.get(taskId);
    if (!runs) return undefined;
    let low = 0;
    let high = runs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (runs[middle].to <= position) low = middle + 1;
      else high = middle;
    }
    const run = runs[low];
    return run !== undefined && run.from <= position ? run : undefined;
  }

  get scope(): string {
    return `${this.account}/${this.region}`;
  }

  allTables(): readonly Table<unknown>[] {
    return this.tables;
  }

  tableNamed(name: string): Table<unknown> | undefined {
    return this.tables.find((table) => table.name === name);
  }

  get logging(): LoggingOptions | undefined {
    return this.settings.get('logging') as LoggingOptions | undefined;
  }

  set logging(value: LoggingOptions | undefined) {
    if (value) this.settings.put('logging', value);
    else this.settings.delete('logging');
  }

  get auditConfiguration(): AuditConfiguration | undefined {
    return this.settings.get('auditConfiguration') as AuditConfiguration | undefined;
  }

  set auditConfiguration(value: AuditConfiguration | undefined) {
    if (value) this.settings.put('auditConfiguration', value);
    else this.settings.delete('auditConfiguration');
  }

  /** Runs `change`; when it throws, every table is put back as it was and `onRollBack` runs. */
  atomically<T>(change: () => T, onRollBack: () => void): T {
    const tables = this.allTables();
    for (const table of tables) table.startUndo();
    let result: T;
    try {
      result = change();
    } catch (error) {
      for (const table of tables) table.endUndo(true);
      onRollBack();
      throw error;
    }
    for (const table of tables) table.endUndo(false);
    return result;
  }

  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.account}:${resource}`;
  }

  /** Every entity, table by table: the state dump and the snapshot. */
  dump(): Record<string, [string, unknown][]> {
    return Object.fromEntries(this.allTables().map((table) => [table.name, table.entries()]));
  }

  load(dump: Record<string, [string, unknown][]>): void {
    for (const [name, rows] of Object.entries(dump)) {
      const table = this.tableNamed(name);
      if (!table) throw new Error(`unknown table "${name}"`);
      for (const [key, value] of rows) table.apply(key, value);
    }
  }
}
