/**
 * The account's audit loop as the sections of a mitigation file (vscode-free): the audit
 * configuration's role, notification targets and enabled checks with their options, the
 * scheduled audits and the active suppressions, written into a new file or merged into the
 * current one (its other sections, comments and formatting kept).
 */
import { MitigationDocument } from '../../../common/document/parse';
import type { DeployedAuditConfiguration, DeployedScheduledAudit, DeployedSuppression } from '../../actions/model/auditDeployPlan';
import { withoutUndefined } from '../../../common/json';

export interface AccountAuditLoop {
  readonly auditConfiguration: DeployedAuditConfiguration;
  readonly scheduledAudits: readonly DeployedScheduledAudit[];
  readonly suppressions: readonly DeployedSuppression[];
}

export interface AuditLoopSections {
  auditConfiguration?: Record<string, unknown>;
  scheduledAudits?: Record<string, unknown>;
  suppressions?: Record<string, unknown>[];
}

export interface ImportedSections {
  readonly sections: AuditLoopSections;
  /** Expired suppressions no longer suppress; a file holding them would not deploy (its expiry is past). */
  readonly expiredSkipped: number;
  /** Scheduled audits written without tags: the caller may not read them (iot:ListTagsForResource denied). */
  readonly untaggedSchedules: readonly string[];
}

/** Only enabled checks are written: a deploy compares the checks a file names, so the others stay as they are. */
function configurationSection(configuration: DeployedAuditConfiguration): Record<string, unknown> | undefined {
  const enabled = Object.entries(configuration.auditCheckConfigurations ?? {}).filter(([, check]) => check.enabled).sort(([a], [b]) => a.localeCompare(b));
  const targets = Object.entries(configuration.auditNotificationTargetConfigurations ?? {});
  if (!configuration.roleArn && !enabled.length && !targets.length) return undefined;
  return withoutUndefined({
    roleArn: configuration.roleArn,
    auditNotificationTargetConfigurations: targets.length ? Object.fromEntries(targets) : undefined,
    auditCheckConfigurations: Object.fromEntries(enabled.map(([name, check]) => [name, withoutUndefined({ enabled: true, configuration: check.configuration && Object.keys(check.configuration).length ? check.configuration : undefined })])),
  });
}

/** `now`: the account's time, which tells the suppressions still active from the expired ones. */
export function importedSections(account: AccountAuditLoop, now: number): ImportedSections {
  const sections: AuditLoopSections = {};
  const configuration = configurationSection(account.auditConfiguration);
  if (configuration) sections.auditConfiguration = configuration;
  if (account.scheduledAudits.length) {
    const sorted = [...account.scheduledAudits].sort((a, b) => a.name.localeCompare(b.name));
    sections.scheduledAudits = Object.fromEntries(sorted.map((audit) => [audit.name, withoutUndefined({
      frequency: audit.frequency,
      dayOfMonth: audit.dayOfMonth,
      dayOfWeek: audit.dayOfWeek,
      targetCheckNames: [...(audit.targetCheckNames ?? [])],
      tags: audit.tags?.length ? audit.tags : undefined,
    })]));
  }
  const active = account.suppressions.filter((suppression) => suppression.suppressIndefinitely || (suppression.expirationDate && suppression.expirationDate.getTime() > now));
  if (active.length) {
    sections.suppressions = active.map((suppression) => withoutUndefined({
      checkName: suppression.checkName,
      resourceIdentifier: suppression.resourceIdentifier,
      ...(suppression.suppressIndefinitely || !suppression.expirationDate ? { suppressIndefinitely: true } : { expirationDate: suppression.expirationDate.toISOString() }),
      description: suppression.description,
    }));
  }
  const untaggedSchedules = account.scheduledAudits.filter((audit) => audit.tagsUnreadable).map((audit) => audit.name).sort();
  return { sections, expiredSkipped: account.suppressions.length - active.length, untaggedSchedules };
}

/** A value as it reads at the file's top level: two-space indent, nested lines indented once more. */
function formatted(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).split('\n').join(`\n${indent}`);
}

interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/**
 * The edits that write `sections` into a mitigation file: a section it has is replaced, one it
 * lacks is added at the end. A file that is not a JSON object is refused with the reason.
 */
export function sectionEdits(text: string, sections: AuditLoopSections): TextEdit[] {
  const doc = new MitigationDocument({ uri: 'untitled:import.mitigation.json', version: 0, getText: () => text });
  const root = doc.root;
  if (!root || root.type !== 'object' || doc.syntaxIssues.length) throw new Error('The file is not a JSON object without syntax errors, so the sections cannot be merged into it: fix it or import into a new file.');
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const [key, value] of Object.entries(sections)) {
    const existing = doc.nodeAt([key]);
    if (existing) edits.push({ offset: existing.offset, length: existing.length, text: formatted(value, '  ') });
    else added.push(`"${key}": ${formatted(value, '  ')}`);
  }
  if (added.length) {
    const properties = root.children ?? [];
    const last = properties[properties.length - 1];
    if (!last) {
      edits.push({ offset: root.offset + 1, length: root.length - 2, text: `\n  ${added.join(',\n  ')}\n` });
    } else {
      const end = last.offset + last.length;
      const closing = root.offset + root.length - 1;
      // A trailing comma (the file format allows one) stays the last character before the brace.
      const trailingComma = text.slice(end, closing).trimStart().startsWith(',');
      const after = trailingComma ? text.indexOf(',', end) + 1 : end;
      edits.push({ offset: after, length: 0, text: `${trailingComma ? '' : ','}\n  ${added.join(',\n  ')}${trailingComma ? ',' : ''}` });
    }
  }
  return edits.sort((a, b) => b.offset - a.offset);
}

/** The text with the edits applied (they do not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.offset - a.offset).reduce((result, edit) => result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length), text);
}
