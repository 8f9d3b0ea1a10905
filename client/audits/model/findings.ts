/** Plain views of audit findings, shared by the preview, the Audits tree and the language server requests. */
import { findingResource } from '../../shared/model/findingResource';

export interface FindingLike {
  readonly findingId?: string;
  readonly checkName?: string;
  readonly severity?: string;
  readonly reasonForNonComplianceCode?: string;
  readonly isSuppressed?: boolean;
  readonly nonCompliantResource?: {
    readonly resourceType?: string;
    readonly resourceIdentifier?: object;
  };
}

/** A finding's resource in a few words, e.g. "Device certificate 3f2a8c01d4…" (shared/model/findingResource.ts). */
export function describeResource(finding: FindingLike): string {
  return findingResource(finding.nonCompliantResource).label;
}

/** A finding's resource as one stable string (type and every identifier value), for counting. */
export function resourceKey(finding: FindingLike): string {
  const resource = finding.nonCompliantResource;
  return `${resource?.resourceType ?? ''} ${JSON.stringify(resource?.resourceIdentifier ?? {})}`;
}
