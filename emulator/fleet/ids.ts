/** Identifier formats AWS uses (the examples of the AWS CLI Command Reference, `aws iot`). Stable variants derive the id from a name so seeds are reproducible. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newUuid = (): string => randomUUID();
export const newCertificateId = (): string => randomBytes(32).toString('hex');
export const newAuditTaskId = (): string => randomBytes(16).toString('hex');

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** A 64-hex certificate id that is the same every time for the same seed text. */
export const stableCertificateId = (seed: string): string => digest(`certificate:${seed}`).toString('hex');

/** A UUID-formatted id that is the same every time for the same seed text. */
export function stableUuid(seed: string): string {
  const hex = digest(`uuid:${seed}`).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
