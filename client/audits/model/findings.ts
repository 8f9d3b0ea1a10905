/** Plain views of audit findings, shared by the preview, the Audits tree and the language server requests. */

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

/** A short description of a finding's resource, e.g. "DEVICE_CERTIFICATE 3f2a8c…". */
export function describeResource(finding: FindingLike): string {
  const resource = finding.nonCompliantResource;
  if (!resource) return 'unknown resource';
  const identifier = (resource.resourceIdentifier ?? {}) as Record<string, unknown>;
  const values = Object.values(identifier).map((value) =>
    typeof value === 'object' && value !== null ? Object.values(value).join(':') : String(value),
  );
  const id = values[0] ?? '';
  const short = id.length > 16 ? `${id.slice(0, 12)}…` : id;
  return `${resource.resourceType ?? 'resource'} ${short}`.trim();
}

/** A finding's resource as one stable string (type and every identifier value), for counting. */
export function resourceKey(finding: FindingLike): string {
  const resource = finding.nonCompliantResource;
  return `${resource?.resourceType ?? ''} ${JSON.stringify(resource?.resourceIdentifier ?? {})}`;
}
