/**
 * Which audit finding suppressions apply (AWS IoT Device Defender Developer Guide, "Audit finding
 * suppressions"): a suppression names a check and a resource, and silences that check's findings on
 * that resource until its expiration date, or for good when it suppresses indefinitely.
 */
import type { RegionState } from '../state/regionState';
import { canonicalJson } from '../../common/json';
import type { AuditSuppression } from '../state/types';

/** A resource identifier with its members in a fixed order and absent members dropped, as a string: equal resources give equal keys. */
export function resourceKey(identifier: unknown): string {
  return canonicalJson(identifier);
}

export function isActive(suppression: AuditSuppression, now: number): boolean {
  return suppression.expirationDate === undefined || suppression.expirationDate > now;
}

/** Every member the suppression names has the finding's value (a finding's resource may carry more, e.g. the ARN next to the id). */
function covers(expected: unknown, actual: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return expected === actual;
  if (typeof actual !== 'object' || actual === null) return false;
  return Object.entries(expected).every(([key, value]) => value === undefined || value === null || covers(value, (actual as Record<string, unknown>)[key]));
}

/** The suppression that silences a finding of `checkName` on the resource `identifier` at `now`, if any. */
export function activeSuppression(state: RegionState, checkName: string, identifier: Record<string, unknown>, now: number): AuditSuppression | undefined {
  for (const suppression of state.suppressions.values()) {
    if (suppression.checkName === checkName && isActive(suppression, now) && covers(suppression.resourceIdentifier, identifier)) return suppression;
  }
  return undefined;
}

/** The suppression of exactly this check and resource (Describe, Update and Delete name it so), expired or not. */
export function suppressionOf(state: RegionState, checkName: string, identifier: Record<string, unknown>): AuditSuppression | undefined {
  const key = resourceKey(identifier);
  for (const suppression of state.suppressions.values()) {
    if (suppression.checkName === checkName && resourceKey(suppression.resourceIdentifier) === key) return suppression;
  }
  return undefined;
}
