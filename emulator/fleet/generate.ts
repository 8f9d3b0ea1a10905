/**
 * Fleets of any size for benchmarks and load tests: `things` things, each with its own
 * certificate, spread over a few groups, with a share of expiring and weak-key certificates
 * so audits find something in proportion to the fleet.
 */
import type { RegionState } from '../state/regionState';
import { putCertificate, putThing, putThingGroup } from './builders';
import { newUuid } from './ids';

export interface FleetOptions {
  things: number;
  /** Thing name prefix; names are `${prefix}-000001`... */
  prefix?: string;
  /** Percent of certificates that expire within 30 days (default 10). */
  expiringPercent?: number;
  /** Percent of certificates with a vulnerable key (default 1). */
  weakKeyPercent?: number;
  /** Static groups the things are spread over (default 10). */
  groups?: number;
}

export const MAX_GENERATED_THINGS = 1_000_000;

export function generateFleet(state: RegionState, options: FleetOptions, now: number): { things: number; certificates: number; groups: number } {
  const prefix = options.prefix ?? 'device';
  const groupCount = Math.max(1, options.groups ?? 10);
  const expiringEvery = percentToStride(options.expiringPercent ?? 10);
  const weakEvery = percentToStride(options.weakKeyPercent ?? 1);
  const groupNames: string[] = [];
  for (let index = 1; index <= groupCount; index++) {
    const groupName = `${prefix}-group-${index}`;
    if (!state.thingGroups.has(groupName)) putThingGroup(state, { groupName }, now);
    groupNames.push(groupName);
  }
  const width = Math.max(6, String(options.things).length);
  for (let index = 1; index <= options.things; index++) {
    const expiring = expiringEvery > 0 && index % expiringEvery === 0;
    const weak = weakEvery > 0 && index % weakEvery === 0;
    const certificate = putCertificate(state, { createdDaysAgo: 30 + (index % 300), expiresInDays: expiring ? 1 + (index % 25) : 400 + (index % 1000), keyVulnerability: weak ? 'CERTIFICATE_KEY_VULNERABILITY_CVE-2008-0166' : undefined }, now);
    putThing(state, { thingName: `${prefix}-${String(index).padStart(width, '0')}`, thingId: newUuid(), principals: [certificate.certificateId], groupNames: [groupNames[index % groupCount]], attributes: { model: index % 2 ? 'sensor-v2' : 'sensor-v3' } }, now);
  }
  return { things: options.things, certificates: options.things, groups: groupCount };
}

function percentToStride(percent: number): number {
  if (!(percent > 0)) return 0;
  return Math.max(1, Math.round(100 / Math.min(100, percent)));
}
