/**
 * Reads the resources a task's findings and actions name, with Describe/List/Get calls only,
 * paging through every list. The snapshot of the account and the read-back from the twin use
 * the same reader, so "before" and "after" are directly comparable.
 */
import {
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  DescribeThingGroupCommand,
  GetPolicyVersionCommand,
  GetV2LoggingOptionsCommand,
  ListPolicyVersionsCommand,
  paginateListPrincipalThings,
  paginateListThingGroupsForThing,
  type IoTClient,
} from '@aws-sdk/client-iot';
import type { CertificateState, LoggingState, PolicyState, ResourceState, ThingGroupState, ThingState } from './types';

export interface WantedResources {
  readonly certificateIds: readonly string[];
  readonly caCertificateIds: readonly string[];
  readonly policyNames: readonly string[];
  /** Groups the actions add things to (they must exist for the action to succeed). */
  readonly groupNames: readonly string[];
  readonly logging: boolean;
}

export interface ReadLimits {
  /** Things read per certificate (a shared certificate may have many). */
  readonly thingsPerCertificate: number;
  /** Things read in all. */
  readonly things: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { thingsPerCertificate: 100, things: 5_000 };

/** Parallel reads per resource kind: enough to hide latency, few enough not to trip TPS limits. */
const PARALLEL_READS = 8;

async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, items.length) }, worker));
}

function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? 'Error';
}

const isNotFound = (error: unknown) => errorName(error) === 'ResourceNotFoundException';
const seconds = (date: Date | undefined) => (date ? date.getTime() : undefined);

interface ReadResult {
  readonly resources: ResourceState;
  /** The account id, from the first resource ARN read (certificates and things carry it). */
  readonly account?: string;
  /** Reads that failed or were cut off, in words. */
  readonly notes: string[];
}

export async function readResources(iot: IoTClient, wanted: WantedResources, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReadResult> {
  const notes: string[] = [];
  const missing: string[] = [];
  const certificates: Record<string, CertificateState> = {};
  const certificateArns = new Map<string, string>();
  const caCertificates: Record<string, CertificateState> = {};
  const policies: Record<string, PolicyState> = {};
  const thingCertificates = new Map<string, string[]>();
  const things: Record<string, ThingState> = {};
  const thingGroups: Record<string, ThingGroupState> = {};
  let account: string | undefined;
  const sawArn = (arn: string | undefined) => (account ??= /^arn:aws[a-z-]*:iot:[^:]*:(\d{12}):/.exec(arn ?? '')?.[1]);
  const failed = (what: string, error: unknown) => notes.push(`${what} could not be read (${errorName(error)}: ${(error as Error)?.message ?? String(error)}).`);

  await eachLimited([...new Set(wanted.certificateIds)], async (certificateId) => {
    try {
      const { certificateDescription: description } = await iot.send(new DescribeCertificateCommand({ certificateId }));
      certificates[certificateId] = { status: description?.status ?? 'UNKNOWN', caCertificateId: description?.caCertificateId, creationDate: seconds(description?.creationDate), notAfter: seconds(description?.validity?.notAfter) };
      if (description?.certificateArn) certificateArns.set(certificateId, description.certificateArn);
      sawArn(description?.certificateArn);
    } catch (error) {
      if (isNotFound(error)) missing.push(`device certificate ${certificateId}`);
      else failed(`Device certificate ${certificateId}`, error);
    }
  });
  await eachLimited([...new Set(wanted.caCertificateIds)], async (certificateId) => {
    try {
      const { certificateDescription: description } = await iot.send(new DescribeCACertificateCommand({ certificateId }));
      sawArn(description?.certificateArn);
      caCertificates[certificateId] = { status: description?.status ?? 'UNKNOWN', creationDate: seconds(description?.creationDate), notAfter: seconds(description?.validity?.notAfter) };
    } catch (error) {
      if (isNotFound(error)) missing.push(`CA certificate ${certificateId}`);
      else failed(`CA certificate ${certificateId}`, error);
    }
  });
  let thingBudget = limits.things;
  await eachLimited([...certificateArns], async ([certificateId, principal]) => {
    let count = 0;
    try {
      for await (const page of paginateListPrincipalThings({ client: iot }, { principal })) {
        for (const thingName of page.things ?? []) {
          if (count >= limits.thingsPerCertificate || (thingBudget <= 0 && !thingCertificates.has(thingName))) {
            notes.push(`Certificate ${certificateId} is attached to more things than were read (${count} read; limit ${limits.thingsPerCertificate} per certificate, ${limits.things} in all).`);
            return;
          }
          count++;
          if (!thingCertificates.has(thingName)) thingBudget--;
          thingCertificates.set(thingName, [...(thingCertificates.get(thingName) ?? []), certificateId]);
        }
      }
    } catch (error) {
      failed(`Things attached to certificate ${certificateId}`, error);
    }
  });
  const groupNames = new Set(wanted.groupNames);
  await eachLimited([...thingCertificates.keys()], async (thingName) => {
    try {
      const thing = await iot.send(new DescribeThingCommand({ thingName }));
      sawArn(thing.thingArn);
      const groups: string[] = [];
      for await (const page of paginateListThingGroupsForThing({ client: iot }, { thingName })) {
        for (const group of page.thingGroups ?? []) if (group.groupName) groups.push(group.groupName);
      }
      for (const group of groups) groupNames.add(group);
      things[thingName] = { attributes: thing.attributes ?? {}, thingTypeName: thing.thingTypeName, groupNames: groups, certificateIds: [...new Set(thingCertificates.get(thingName))].sort() };
    } catch (error) {
      if (isNotFound(error)) missing.push(`thing ${thingName}`);
      else failed(`Thing ${thingName}`, error);
    }
  });
  await eachLimited([...groupNames], async (thingGroupName) => {
    try {
      const group = await iot.send(new DescribeThingGroupCommand({ thingGroupName }));
      const dynamic = group.queryString !== undefined;
      thingGroups[thingGroupName] = { parentGroupName: group.thingGroupMetadata?.parentGroupName, dynamic, queryString: group.queryString };
      // Ancestors, root first: each one's parent is the one before it.
      const chain = group.thingGroupMetadata?.rootToParentThingGroups ?? [];
      chain.forEach((ancestor, index) => {
        if (ancestor.groupName && !thingGroups[ancestor.groupName]) thingGroups[ancestor.groupName] = { parentGroupName: index > 0 ? chain[index - 1].groupName : undefined, dynamic: false };
      });
    } catch (error) {
      if (isNotFound(error)) missing.push(`thing group ${thingGroupName}`);
      else failed(`Thing group ${thingGroupName}`, error);
    }
  });
  await eachLimited([...new Set(wanted.policyNames)], async (policyName) => {
    try {
      const { policyVersions } = await iot.send(new ListPolicyVersionsCommand({ policyName }));
      const versions: { versionId: string; document: string }[] = [];
      let defaultVersionId = '';
      for (const version of policyVersions ?? []) {
        if (!version.versionId) continue;
        const read = await iot.send(new GetPolicyVersionCommand({ policyName, policyVersionId: version.versionId }));
        versions.push({ versionId: version.versionId, document: read.policyDocument ?? '' });
        if (version.isDefaultVersion) defaultVersionId = version.versionId;
      }
      versions.sort((a, b) => Number(a.versionId) - Number(b.versionId));
      policies[policyName] = { defaultVersionId, versions };
    } catch (error) {
      if (isNotFound(error)) missing.push(`policy ${policyName}`);
      else failed(`Policy ${policyName}`, error);
    }
  });
  let logging: LoggingState | undefined;
  if (wanted.logging) {
    try {
      const options = await iot.send(new GetV2LoggingOptionsCommand({}));
      logging = { configured: true, roleArn: options.roleArn, defaultLogLevel: options.defaultLogLevel, disableAllLogs: options.disableAllLogs ?? false };
    } catch (error) {
      if (errorName(error) === 'NotConfiguredException') logging = { configured: false };
      else failed('The v2 logging options', error);
    }
  }
  // Parallel reads finish in any order; sorted keys keep reports stable.
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { resources: { certificates: sorted(certificates), caCertificates: sorted(caCertificates), things: sorted(things), thingGroups: sorted(thingGroups), policies: sorted(policies), logging, missing: missing.sort() }, account, notes: notes.sort() };
}
