/**
 * Step 2: the twin, a fresh in-process emulator (empty seed, in memory, no pace) holding a copy
 * of the snapshot through the emulator's admin seeding document, with the same finding ids,
 * certificate ids and account, so what it reports maps 1:1 onto the account.
 */
import { IoTClient } from '@aws-sdk/client-iot';
import type * as Emulator from '../emulator/index';
import type { RunningEmulator } from '../emulator/index';
import type { Snapshot, ThingGroupState } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The emulator, required when the first twin starts: in the extension it is dist/emulator.js
 * (scripts/build.mjs), which a connection that never rehearses need not load (about 20 ms).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require at first use is the point
const loadEmulator = (): typeof Emulator => require('../emulator/index') as typeof Emulator;

export interface Twin {
  readonly emulator: RunningEmulator;
  readonly iot: IoTClient;
  readonly account: string;
  readonly region: string;
  /** Calls the twin's admin API (seed, sns). */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

const days = (ms: number) => Math.round((ms / DAY_MS) * 1000) / 1000;

/** Parents before children, so every parentGroupName exists when its child is seeded. */
function groupsInOrder(groups: Record<string, ThingGroupState>): [string, ThingGroupState][] {
  const ordered: [string, ThingGroupState][] = [];
  const placed = new Set<string>();
  const place = (name: string, trail: Set<string>) => {
    const group = groups[name];
    if (!group || placed.has(name) || trail.has(name)) return;
    trail.add(name);
    if (group.parentGroupName) place(group.parentGroupName, trail);
    placed.add(name);
    ordered.push([name, group]);
  };
  for (const name of Object.keys(groups).sort()) place(name, new Set());
  return ordered;
}

/** The admin seeding document (emulator/fleet/seedInput.ts) that rebuilds the snapshot. */
function seedDocumentOf(snapshot: Snapshot, now = Date.now()): Record<string, unknown> {
  const { resources } = snapshot;
  const timing = (state: { creationDate?: number; notAfter?: number }) => ({
    ...(state.creationDate !== undefined ? { createdDaysAgo: days(now - state.creationDate) } : {}),
    ...(state.notAfter !== undefined ? { expiresInDays: days(state.notAfter - now) } : {}),
  });
  const caStatus = (status: string) => (status === 'ACTIVE' || status === 'INACTIVE' ? { status } : {});
  const topics = [...new Set(snapshot.actions.map((action) => (action.actionParams.publishFindingToSnsParams as { topicArn?: unknown } | undefined)?.topicArn).filter((arn): arn is string => typeof arn === 'string'))];
  return {
    topics,
    caCertificates: Object.entries(resources.caCertificates).map(([certificateId, ca]) => ({ certificateId, ...caStatus(ca.status), ...timing(ca) })),
    certificates: Object.entries(resources.certificates).map(([certificateId, certificate]) => ({
      certificateId,
      status: certificate.status,
      ...(certificate.caCertificateId ? { caCertificateId: certificate.caCertificateId } : {}),
      ...timing(certificate),
    })),
    thingGroups: groupsInOrder(resources.thingGroups).map(([groupName, group]) => ({
      groupName,
      ...(group.parentGroupName && resources.thingGroups[group.parentGroupName] ? { parentGroupName: group.parentGroupName } : {}),
      dynamic: group.dynamic,
      ...(group.queryString ? { queryString: group.queryString } : {}),
    })),
    things: Object.entries(resources.things).map(([thingName, thing]) => ({
      thingName,
      attributes: thing.attributes,
      ...(thing.thingTypeName ? { thingTypeName: thing.thingTypeName } : {}),
      groupNames: thing.groupNames.filter((group) => resources.thingGroups[group] !== undefined),
      certificateIds: thing.certificateIds,
    })),
    policies: Object.entries(resources.policies)
      .filter(([, policy]) => policy.versions.length > 0)
      .map(([policyName, policy]) => ({ policyName, versions: policy.versions.map((version) => ({ versionId: version.versionId, document: version.document })), defaultVersionId: policy.defaultVersionId || policy.versions[policy.versions.length - 1].versionId })),
    auditFindings: snapshot.findings.map((finding) => ({
      findingId: finding.findingId,
      taskId: finding.taskId,
      checkName: finding.checkName,
      ...(finding.severity ? { severity: finding.severity } : {}),
      reasonForNonCompliance: finding.reasonForNonCompliance || undefined,
      reasonForNonComplianceCode: finding.reasonForNonComplianceCode,
      isSuppressed: finding.isSuppressed,
      nonCompliantResource: finding.nonCompliantResource,
      relatedResources: finding.relatedResources,
    })),
    ...(resources.logging?.configured ? { logging: { roleArn: resources.logging.roleArn, defaultLogLevel: resources.logging.defaultLogLevel, disableAllLogs: resources.logging.disableAllLogs ?? false } } : {}),
  };
}

export async function startTwin(snapshot: Snapshot): Promise<Twin> {
  const { DEFAULT_ACCOUNT, startEmulator } = loadEmulator();
  const account = snapshot.account ?? DEFAULT_ACCOUNT;
  const region = snapshot.region;
  const diagnostics: string[] = [];
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, seed: 'empty', paceMs: 0, account, log: (line) => diagnostics.push(line) });
  const iot = new IoTClient({ endpoint: emulator.url, region, credentials: { accessKeyId: 'REHEARSALTWIN', secretAccessKey: 'twin' }, maxAttempts: 1 });
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`${emulator.url}/_emulator/${path}${separator}region=${encodeURIComponent(region)}&account=${account}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T & { message?: string };
    if (!response.ok) throw new Error(`The twin refused ${method} ${path}: ${json.message ?? response.status}${diagnostics.length ? ` (${diagnostics.join('; ')})` : ''}`);
    return json;
  };
  const close = async () => {
    iot.destroy();
    await emulator.close();
  };
  try {
    await admin('POST', 'seed', seedDocumentOf(snapshot));
  } catch (error) {
    await close();
    throw error;
  }
  return { emulator, iot, account, region, admin, close };
}
