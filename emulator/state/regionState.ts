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
  IamRole,
  LoggingOptions,
  MitigationAction,
  MitigationTask,
  Policy,
  RoleAlias,
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
  /** mitigation task id → finding id → execution keys in action order. */
  readonly executionsByTask = new Map<string, Map<string, string[]>>();

  readonly things: Table<Thing>;
  readonly thingGroups: Table<ThingGroup>;
  readonly thingTypes: Table<ThingType>;
  readonly billingGroups: Table<BillingGroup>;
  readonly certificates: Table<Certificate>;
  readonly caCertificates: Table<CaCertificate>;
  readonly policies: Table<Policy>;
  readonly roles: Table<IamRole>;
  readonly connections: Table<Connection>;
  readonly cognitoIdentityPools: Table<CognitoIdentityPool>;
  readonly roleAliases: Table<RoleAlias>;
  readonly suppressions: Table<AuditSuppression>;
  readonly topics: Table<{ topicArn: string }>;
  readonly mitigationActions: Table<MitigationAction>;
  readonly auditTasks: Table<AuditTask>;
  readonly findings: Table<AuditFinding>;
  readonly mitigationTasks: Table<MitigationTask>;
  /** Task id → finding ids in execution order. Written once, apart from the task, so progress journals small records. */
  readonly taskPlans: Table<string[]>;
  readonly executions: Table<Execution>;
  readonly snsMessages: Table<SnsMessage>;
  readonly settings: Table<Singleton[keyof Singleton]>;

  constructor(
    readonly account: string,
    readonly region: string,
    listener: ChangeListener,
  ) {
    this.things = new Table<Thing>('things', listener, (name, before, after) => {
      for (const id of before?.principals ?? []) removeFrom(this.thingsByCertificate, id, name);
      for (const group of before?.groupNames ?? []) removeFrom(this.thingsByGroup, group, name);
      for (const id of after?.principals ?? []) addTo(this.thingsByCertificate, id, name);
      for (const group of after?.groupNames ?? []) addTo(this.thingsByGroup, group, name);
    });
    this.thingGroups = new Table('thingGroups', listener);
    this.thingTypes = new Table('thingTypes', listener);
    this.billingGroups = new Table('billingGroups', listener);
    this.certificates = new Table('certificates', listener);
    this.caCertificates = new Table('caCertificates', listener);
    this.policies = new Table('policies', listener);
    this.roles = new Table('roles', listener);
    this.connections = new Table('connections', listener);
    this.cognitoIdentityPools = new Table('cognitoIdentityPools', listener);
    this.roleAliases = new Table('roleAliases', listener);
    this.suppressions = new Table('suppressions', listener);
    this.topics = new Table('topics', listener);
    this.mitigationActions = new Table('mitigationActions', listener);
    this.auditTasks = new Table('auditTasks', listener);
    this.findings = new Table<AuditFinding>('findings', listener, (id, before, after) => {
      if (!before && after) {
        let list = this.findingsByAudit.get(after.taskId);
        if (!list) this.findingsByAudit.set(after.taskId, (list = []));
        list.push(id);
      } else if (before && !after) {
        const list = this.findingsByAudit.get(before.taskId);
        if (list) this.findingsByAudit.set(before.taskId, list.filter((other) => other !== id));
      }
    });
    this.mitigationTasks = new Table('mitigationTasks', listener);
    this.taskPlans = new Table('taskPlans', listener);
    this.executions = new Table<Execution>('executions', listener, (key, before, after) => {
      if (before || !after) return;
      let byFinding = this.executionsByTask.get(after.taskId);
      if (!byFinding) this.executionsByTask.set(after.taskId, (byFinding = new Map()));
      let keys = byFinding.get(after.findingId);
      if (!keys) byFinding.set(after.findingId, (keys = []));
      keys.push(key);
    });
    this.snsMessages = new Table('snsMessages', listener);
    this.settings = new Table('settings', listener);
  }

  /** The finding ids a task mitigates, in order. */
  planOf(taskId: string): readonly string[] {
    return this.taskPlans.get(taskId) ?? [];
  }

  get scope(): string {
    return `${this.account}/${this.region}`;
  }

  allTables(): Table<unknown>[] {
    return [
      this.things,
      this.thingGroups,
      this.thingTypes,
      this.billingGroups,
      this.certificates,
      this.caCertificates,
      this.policies,
      this.roles,
      this.connections,
      this.cognitoIdentityPools,
      this.roleAliases,
      this.suppressions,
      this.topics,
      this.mitigationActions,
      this.auditTasks,
      this.findings,
      this.mitigationTasks,
      this.taskPlans,
      this.executions,
      this.snsMessages,
      this.settings,
    ] as Table<unknown>[];
  }

  table(name: string): Table<unknown> | undefined {
    return this.allTables().find((table) => table.name === name);
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
      const table = this.table(name);
      if (!table) throw new Error(`unknown table "${name}"`);
      for (const [key, value] of rows) table.apply(key, value);
    }
  }
}
