/** Text of new mitigation files: from a template or imported from the account (vscode-free). */
import { ACTION_TYPES, type MitigationActionType } from '../../../common';
import { EXAMPLE_ACCOUNT_ID, exampleRoleArn } from '../../../common/templates';

interface ImportedAction {
  readonly actionName: string;
  readonly roleArn?: string;
  readonly actionParams?: unknown;
  /** From ListTagsForResource; written only when the action has some, so a deploy keeps them. */
  readonly tags?: readonly { Key: string; Value?: string }[];
}

/**
 * A mitigation file holding the account's actions (with their tags), sorted by name, no tasks
 * yet, and the audit-loop sections given (client/authoring/model/auditLoopImport.ts).
 */
export function renderImportedFile(actions: readonly ImportedAction[], sections: object = {}): string {
  const sorted = [...actions].sort((a, b) => a.actionName.localeCompare(b.actionName));
  const doc = {
    actions: Object.fromEntries(sorted.map((action) => [action.actionName, {
      roleArn: action.roleArn ?? '',
      actionParams: action.actionParams ?? {},
      ...(action.tags?.length ? { tags: action.tags } : {}),
    }])),
    tasks: {},
    ...sections,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A starter file: a quarantine action, a certificate deactivation and a task using both. */
export function renderTemplateFile(accountId = EXAMPLE_ACCOUNT_ID): string {
  const example = (type: MitigationActionType) => ACTION_TYPES.find((info) => info.type === type)!;
  const role = exampleRoleArn(accountId);
  const quarantine = example('ADD_THINGS_TO_THING_GROUP');
  const deactivate = example('UPDATE_DEVICE_CERTIFICATE');
  const doc = {
    actions: {
      QuarantineThings: { roleArn: role, actionParams: { [quarantine.paramsKey]: quarantine.example } },
      DeactivateCertificate: { roleArn: role, actionParams: { [deactivate.paramsKey]: deactivate.example } },
    },
    tasks: {
      'quarantine-shared-certificates': {
        target: { auditCheckToReasonCodeFilter: { DEVICE_CERTIFICATE_SHARED_CHECK: ['CERTIFICATE_SHARED_BY_MULTIPLE_DEVICES'] } },
        auditCheckToActionsMapping: { DEVICE_CERTIFICATE_SHARED_CHECK: ['QuarantineThings'] },
      },
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
