/**
 * Resource changes in words, from two readings of the same resources (before and after a task
 * ran), and which of them belong to a finding: its certificate and the things attached to it,
 * its CA certificate, its policy, or the account's logging.
 */
import type { CopiedFinding, LoggingState, PolicyState, ResourceChange, ResourceState } from './types';

function policyWords(policy: PolicyState | undefined, versionId: string | undefined): string {
  const document = policy?.versions.find((version) => version.versionId === versionId)?.document;
  if (document === undefined) return versionId ?? '(none)';
  try {
    const statements = (JSON.parse(document) as { Statement?: unknown }).Statement;
    if (Array.isArray(statements) && statements.length === 0) return `${versionId} (blank)`;
  } catch {
    // Not JSON: name the version only.
  }
  return versionId!;
}

function loggingWords(logging: LoggingState | undefined): string {
  if (!logging?.configured) return 'not configured';
  return logging.disableAllLogs ? `${logging.defaultLogLevel ?? 'no level'} (all logs disabled)` : (logging.defaultLogLevel ?? 'no level');
}

export function diffResources(before: ResourceState, after: ResourceState): ResourceChange[] {
  const changes: ResourceChange[] = [];
  for (const [id, old] of Object.entries(before.certificates)) {
    const now = after.certificates[id];
    if (now && now.status !== old.status) changes.push({ kind: 'certificate', id, change: `${old.status} → ${now.status}` });
  }
  for (const [id, old] of Object.entries(before.caCertificates)) {
    const now = after.caCertificates[id];
    if (now && now.status !== old.status) changes.push({ kind: 'caCertificate', id, change: `${old.status} → ${now.status}` });
  }
  for (const [name, old] of Object.entries(before.things)) {
    const now = after.things[name];
    if (!now) continue;
    const joined = now.groupNames.filter((group) => !old.groupNames.includes(group));
    const left = old.groupNames.filter((group) => !now.groupNames.includes(group));
    const words = [...joined.map((group) => `joins ${group}`), ...left.map((group) => `leaves ${group}`)];
    if (words.length) changes.push({ kind: 'thing', id: name, change: words.join('; ') });
  }
  for (const [name, old] of Object.entries(before.policies)) {
    const now = after.policies[name];
    if (now && now.defaultVersionId !== old.defaultVersionId) changes.push({ kind: 'policy', id: name, change: `default version ${policyWords(old, old.defaultVersionId)} → ${policyWords(now, now.defaultVersionId)}` });
  }
  if (before.logging && after.logging && loggingWords(before.logging) !== loggingWords(after.logging)) {
    changes.push({ kind: 'logging', id: 'account', change: `v2 logging ${loggingWords(before.logging)} → ${loggingWords(after.logging)}` });
  }
  return changes;
}

export function deviceCertificateOf(finding: CopiedFinding): string | undefined {
  const id = finding.nonCompliantResource.resourceIdentifier?.deviceCertificateId;
  return typeof id === 'string' ? id : undefined;
}

export function caCertificateOf(finding: CopiedFinding): string | undefined {
  const id = finding.nonCompliantResource.resourceIdentifier?.caCertificateId;
  return typeof id === 'string' ? id : undefined;
}

export function policyOf(finding: CopiedFinding): string | undefined {
  const identifier = finding.nonCompliantResource.resourceIdentifier?.policyVersionIdentifier as { policyName?: unknown } | undefined;
  return typeof identifier?.policyName === 'string' ? identifier.policyName : undefined;
}

/** LOGGING_DISABLED_CHECK and other account-level findings name the account itself. */
export function isAccountFinding(finding: CopiedFinding): boolean {
  return finding.nonCompliantResource.resourceType === 'ACCOUNT_SETTINGS' || typeof finding.nonCompliantResource.resourceIdentifier?.account === 'string';
}

/** The changes among `changes` to resources the finding names. */
export function changesOfFinding(changes: readonly ResourceChange[], finding: CopiedFinding, before: ResourceState): ResourceChange[] {
  const certificate = deviceCertificateOf(finding);
  const things = new Set(Object.entries(before.things).filter(([, thing]) => certificate !== undefined && thing.certificateIds.includes(certificate)).map(([name]) => name));
  return changes.filter((change) => {
    switch (change.kind) {
      case 'certificate':
        return change.id === certificate;
      case 'thing':
        return things.has(change.id);
      case 'caCertificate':
        return change.id === caCertificateOf(finding);
      case 'policy':
        return change.id === policyOf(finding);
      case 'logging':
        return isAccountFinding(finding);
      case 'sns':
        return false;
    }
  });
}

/** The finding's non-compliant resource in words. */
export function resourceWords(finding: CopiedFinding): string {
  const identifier = finding.nonCompliantResource.resourceIdentifier ?? {};
  const certificate = deviceCertificateOf(finding);
  if (certificate) return `device certificate ${certificate}`;
  const ca = caCertificateOf(finding);
  if (ca) return `CA certificate ${ca}`;
  const policy = policyOf(finding);
  if (policy) return `policy ${policy}`;
  if (isAccountFinding(finding)) return `account ${String(identifier.account ?? '')}`.trim();
  const first = Object.entries(identifier)[0];
  return first ? `${first[0]} ${typeof first[1] === 'string' ? first[1] : JSON.stringify(first[1])}` : (finding.nonCompliantResource.resourceType ?? 'resource');
}
