/**
 * Which findings a task would mitigate with which actions, before anything runs (vscode-free).
 * Follows the task rules of StartAuditMitigationActionsTask (AWS IoT API Reference): the target picks findings (all of an audit,
 * filtered by check and reason code, or an explicit list), the mapping picks actions per check,
 * suppressed findings are never mitigated.
 */
import { isActionApplicable, type MitigationActionType } from '../../../common';
import type { ModelTaskTarget } from '../../../common';
import { resourceKey, type FindingLike } from '../../audits/model/findings';
import { resourceColumns, type ResourceColumns, type ResourceLike } from '../../shared/model/findingResource';

interface PreviewTask {
  readonly target: ModelTaskTarget;
  readonly auditCheckToActionsMapping: Readonly<Record<string, readonly string[]>>;
}

/** The resource's columns come from the one formatter: kind, shortened id, whole id. */
export interface PreviewRow extends ResourceColumns {
  readonly findingId: string;
  readonly checkName: string;
  readonly severity: string;
  /** The resource's full identifier and type: the same resource in two findings counts once. */
  readonly resourceKey: string;
  readonly resourceType?: string;
  /** Actions applied in order; empty when the finding is excluded. */
  readonly actions: readonly string[];
  /** Why the finding is left alone, when it is. */
  readonly excludedBecause?: string;
}

export interface TaskPreview {
  readonly rows: readonly PreviewRow[];
  readonly mitigated: number;
  readonly executions: number;
  /** Problems that would make the start fail or an execution fail. */
  readonly warnings: readonly string[];
}

/**
 * @param actionTypes the type of each action name known in the account or the file;
 *   a mapped name missing from it is reported as a warning.
 */
export function previewTask(task: PreviewTask, findings: readonly FindingLike[], actionTypes: ReadonlyMap<string, MitigationActionType | undefined>): TaskPreview {
  const warnings: string[] = [];
  const mapping = task.auditCheckToActionsMapping;
  for (const [checkName, names] of Object.entries(mapping)) {
    for (const name of names) {
      if (!actionTypes.has(name)) warnings.push(`Action "${name}" (for ${checkName}) does not exist in the account: deploy it first.`);
      const type = actionTypes.get(name);
      if (type && !isActionApplicable(checkName, type)) warnings.push(`Action "${name}" (${type}) cannot mitigate ${checkName} findings.`);
    }
  }
  const filter = task.target.auditCheckToReasonCodeFilter;
  const listed = task.target.findingIds ? new Set(task.target.findingIds) : undefined;
  const rows: PreviewRow[] = [];
  for (const finding of findings) {
    const findingId = finding.findingId ?? '';
    const checkName = finding.checkName ?? '';
    if (listed && !listed.has(findingId)) continue;
    const base = { findingId, checkName, severity: finding.severity ?? '', ...resourceColumns(finding.nonCompliantResource as ResourceLike | undefined), resourceKey: resourceKey(finding), resourceType: finding.nonCompliantResource?.resourceType };
    let excludedBecause: string | undefined;
    if (finding.isSuppressed) excludedBecause = 'suppressed';
    else if (!mapping[checkName]) excludedBecause = 'no actions mapped to its check';
    else if (filter && !filter[checkName]?.includes(finding.reasonForNonComplianceCode ?? '')) excludedBecause = 'filtered out by reason code';
    rows.push(excludedBecause ? { ...base, actions: [], excludedBecause } : { ...base, actions: mapping[checkName] });
  }
  if (listed) {
    const found = new Set(findings.map((finding) => finding.findingId));
    for (const id of listed) if (!found.has(id)) warnings.push(`Finding ${id} was not found (older than 90 days or mistyped).`);
  }
  const mitigatedRows = rows.filter((row) => !row.excludedBecause);
  return {
    rows,
    mitigated: mitigatedRows.length,
    executions: mitigatedRows.reduce((sum, row) => sum + row.actions.length, 0),
    warnings,
  };
}

export interface ActionCount {
  readonly actionName: string;
  readonly actionType?: MitigationActionType;
  readonly findings: number;
}

/** How many findings each mapped action would run on, in mapping order. */
export function countPerAction(preview: TaskPreview, actionTypes: ReadonlyMap<string, MitigationActionType | undefined>): ActionCount[] {
  const counts = new Map<string, number>();
  for (const row of preview.rows) for (const name of row.actions) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([actionName, findings]) => ({ actionName, actionType: actionTypes.get(actionName), findings }));
}
