/**
 * Audit finding suppressions as the Audits view shows and makes them (vscode-free): which
 * suppression names a finding (its check and resource identifier), what it says ("suppressed
 * until 2027-01-31"), and the reason and expiry "Suppress Finding…" asks for, checked as
 * CreateAuditSuppression checks them.
 */
import { AuditDescription, stringShapeViolation } from '../../../common';
import { resourceIdentifierKey, type SuppressionEntry } from '../../../common/suppressionEdit';
import type { FindingLike } from './findings';

const DAY_MS = 86_400_000;

export interface SuppressionLike {
  readonly checkName?: string;
  readonly resourceIdentifier?: object;
  readonly expirationDate?: Date;
  readonly suppressIndefinitely?: boolean;
  readonly description?: string;
}

/** The suppression of the account that names this finding's check and resource, if any. */
export function suppressionOf<T extends SuppressionLike>(finding: FindingLike, suppressions: readonly T[]): T | undefined {
  const key = resourceIdentifierKey(finding.nonCompliantResource?.resourceIdentifier);
  return suppressions.find((suppression) => suppression.checkName === finding.checkName && resourceIdentifierKey(suppression.resourceIdentifier) === key);
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** What a suppression says of its finding now: an expired one is still listed but no longer suppresses. */
export interface SuppressionStatus {
  readonly active: boolean;
  /** "suppressed until 2027-01-31", "suppressed indefinitely" or "suppression expired 2026-11-30". */
  readonly text: string;
  readonly reason?: string;
}

export function suppressionStatus(suppression: SuppressionLike, now: number): SuppressionStatus {
  const reason = suppression.description || undefined;
  if (suppression.suppressIndefinitely || !suppression.expirationDate) return { active: true, text: 'suppressed indefinitely', reason };
  const active = suppression.expirationDate.getTime() > now;
  return { active, text: active ? `suppressed until ${day(suppression.expirationDate)}` : `suppression expired ${day(suppression.expirationDate)}`, reason };
}

/** Why a reason cannot be sent (required; AuditDescription: at most 1000 printable characters), or undefined. */
export function reasonProblem(reason: string): string | undefined {
  if (!reason.trim()) return 'Say why this finding is accepted: the reason is required.';
  const violation = stringShapeViolation(reason, AuditDescription);
  if (violation?.kind === 'max') return `At most ${violation.max} characters (this is ${violation.length}).`;
  if (violation) return 'Only printable characters and spaces (no tabs or line breaks).';
  return undefined;
}

/** Until when a suppression holds: a day (it ends at 00:00 UTC of it) or indefinitely. */
export type SuppressionExpiry = { readonly until: string } | { readonly indefinitely: true };

/** The day `days` days after today (UTC), as YYYY-MM-DD: the quick choices of 30 and 90 days. */
export function daysFromToday(days: number, now: number): { readonly until: string } {
  return { until: day(new Date(Math.floor(now / DAY_MS) * DAY_MS + days * DAY_MS)) };
}

/** A typed day (YYYY-MM-DD, a real calendar day after today), or why it is not one. */
export function parseExpiry(text: string, now: number): SuppressionExpiry | { readonly problem: string } {
  const value = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { problem: 'Type a day as YYYY-MM-DD, e.g. 2027-01-31.' };
  const time = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(time) || day(new Date(time)) !== value) return { problem: `${value} is not a day of the calendar.` };
  if (time <= now) return { problem: `${value} is not in the future: a suppression must end after today.` };
  return { until: value };
}

/** The expiry in words, for the confirmation and the messages. */
export function expiryText(expiry: SuppressionExpiry): string {
  return 'until' in expiry ? `until ${expiry.until}` : 'indefinitely';
}

/** The file's entry for this finding (check, its resource identifier, expiry, reason). */
export function suppressionEntry(finding: FindingLike, reason: string, expiry: SuppressionExpiry): SuppressionEntry {
  return {
    checkName: finding.checkName ?? '',
    resourceIdentifier: { ...(finding.nonCompliantResource?.resourceIdentifier ?? {}) } as Record<string, unknown>,
    ...('until' in expiry ? { expirationDate: expiry.until } : { suppressIndefinitely: true }),
    description: reason,
  };
}

/** The entry as the API's suppression members: UpdateAuditSuppression's input, and CreateAuditSuppression's but for its token. */
export function suppressionFields(entry: SuppressionEntry) {
  return {
    checkName: entry.checkName,
    resourceIdentifier: entry.resourceIdentifier,
    ...(entry.expirationDate ? { expirationDate: new Date(`${entry.expirationDate}T00:00:00Z`) } : { suppressIndefinitely: true }),
    description: entry.description,
  };
}

/** CreateAuditSuppression's input for the same entry; the token makes an SDK retry harmless. */
export function suppressionRequest(entry: SuppressionEntry, clientRequestToken: string) {
  return { ...suppressionFields(entry), clientRequestToken };
}
