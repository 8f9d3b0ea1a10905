/**
 * The catalogue in words (shapes, checks, action types): one wording for completion details,
 * hovers and the JSON schema's descriptions.
 */
import type { ActionTypeInfo } from './actionTypes';
import { LEGACY_CHECK_ALIASES, REASON_CODE_DESCRIPTIONS, resourceIdentifierMember, type AuditCheckInfo } from './auditChecks';
import type { Shape } from './shapes';

/** A one-line summary: "string, 1 to 128 characters" or "list of 1 to 5 MitigationActionName". */
export function describeShape(shape: Shape): string {
  switch (shape.type) {
    case 'string': {
      if (shape.enum) return shape.enum.length === 1 ? `"${shape.enum[0]}"` : `one of ${shape.enum.join(' | ')}`;
      return `string${bounds(shape.min, shape.max, 'characters')}`;
    }
    case 'boolean':
      return 'boolean';
    case 'integer':
      return `integer${bounds(shape.min, shape.max, '')}`;
    case 'list':
      return `list of${bounds(shape.min, shape.max, '').replace(/^,/, '')} ${shape.item.name}`;
    case 'map':
      return `object: ${shape.key.name} → ${shape.value.type === 'list' ? `list of ${shape.value.item.name}` : shape.value.name}`;
    case 'structure':
      return shape.exactlyOne ? `object with exactly one of ${Object.keys(shape.members).length} members` : 'object';
  }
}

function bounds(min: number | undefined, max: number | undefined, unit: string): string {
  const suffix = unit ? ` ${unit}` : '';
  if (min !== undefined && max !== undefined) return `, ${min} to ${max}${suffix}`;
  if (min !== undefined) return `, at least ${min}${suffix}`;
  if (max !== undefined) return `, at most ${max}${suffix}`;
  return '';
}

/** Constraint lines for a hover: pattern words and allowed values with their meaning. */
export function shapeConstraints(shape: Shape): string[] {
  const lines: string[] = [];
  if (shape.type === 'string') {
    if (shape.patternHint) lines.push(`May contain ${shape.patternHint}.`);
    if (shape.enum && shape.enum.length > 1) {
      for (const value of shape.enum) lines.push(`- \`${value}\`${shape.enumDescriptions?.[value] ? `: ${shape.enumDescriptions[value]}` : ''}`);
    }
  }
  if (shape.type === 'list' && shape.item.type === 'string' && shape.item.patternHint) lines.push(`Each item may contain ${shape.item.patternHint}.`);
  return lines;
}

export function checkDetail(check: AuditCheckInfo): string {
  return `${check.severity} · ${check.applicableActions.join(', ')}`;
}

export function checkDocumentation(check: AuditCheckInfo): string {
  const codes = check.reasonCodes.map((code) => `- \`${code}\`: ${REASON_CODE_DESCRIPTIONS[code] ?? ''}`).join('\n');
  const inferred = check.inferredActions ? ' (inferred: AWS does not document this check\'s actions)' : '';
  const actions = check.applicableActions.map((action) => `\`${action}\``).join(', ');
  const threshold = check.config ? `\n\nThreshold: \`${check.config.name}\`, ${check.config.min} to ${check.config.max} days (default ${check.config.default})` : '';
  const enabled = check.enabledByDefault ? 'enabled' : 'disabled';
  return `**${check.name}** (${check.severity})\n\n${check.description}\n\nResource: \`${check.resourceType}\` (a suppression names it by \`${resourceIdentifierMember(check)}\`); ${enabled} in a new audit configuration${threshold}\n\nApplicable actions${inferred}: ${actions}\n\nReason codes:\n${codes}`;
}

/** What a legacy check name is, in plain words (the validator's message, the schema's deprecation). */
export function legacyCheckText(alias: string): string {
  return `${alias} is a name from older AWS docs; the API calls this check ${LEGACY_CHECK_ALIASES[alias]}.`;
}

export function permissionsText(info: ActionTypeInfo): string {
  return `Role permissions: ${info.permissions.map((permission) => `\`${permission}\``).join(', ')}`;
}
