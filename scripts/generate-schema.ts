/**
 * Generates schemas/mitigation.schema.json from the domain catalogue in common/.
 * The schema is never edited by hand: change the catalogue, then run
 *   npx tsx scripts/generate-schema.ts          (writes the file)
 *   npx tsx scripts/generate-schema.ts --check  (exit 1 when the committed file is stale; for CI)
 *
 * Draft-07, because VS Code's JSON language service understands it best. Besides the standard
 * keywords it carries the VS Code annotations markdownDescription, enumDescriptions,
 * markdownEnumDescriptions, defaultSnippets, deprecationMessage, patternErrorMessage, errorMessage
 * and doNotSuggest, so plain-JSON users get domain words rather than regex dumps.
 */
import { join } from 'node:path';
import {
  ACTION_TYPES,
  AUDIT_CHECKS,
  DOCUMENT_KINDS,
  MITIGATION_FILE_ROOT,
  LEGACY_CHECK_ALIASES,
  MAX_TASK_NAME_LENGTH,
  MITIGATION_FILE_SHAPES,
  MitigationActionName,
  MitigationActionsTaskId,
  QUOTAS,
  REASON_CODE_DESCRIPTIONS,
  EXPIRATION_DATE_PATTERN,
  FileAuditConfigurationShape,
  FileScheduledAuditShape,
  FileSuppressionShape,
  ScheduledAuditName,
  auditCheck,
  resourceIdentifierMember,
  isCliInputKind,
  type AuditCheckInfo,
  type CliInputKind,
  type DocumentKindInfo,
  type ListShape,
  type MapShape,
  type Member,
  type Shape,
  type StringShape,
  type StructureShape,
} from '../common';
import { checkDocumentation, legacyCheckText, permissionsText } from '../common/catalogueText';
import { EXAMPLE_ROLE_ARN } from '../common/templates';
import { writeOrCheck } from './writeOrCheck';

export type JsonSchema = { [keyword: string]: unknown };

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'mitigation.schema.json');

/** Where a definition lives, for `$ref`. */
function ref(name: string): JsonSchema {
  return { $ref: `#/definitions/${name}` };
}

/** Description and markdownDescription, the pair VS Code shows on hover. */
function described(description: string, markdown = description): JsonSchema {
  return { description, markdownDescription: markdown };
}

function legacyDescription(alias: string): string {
  return `Deprecated: ${legacyCheckText(alias)}`;
}

const API_CHECK_NAMES = AUDIT_CHECKS.map((check) => check.name);
const LEGACY_NAMES = Object.keys(LEGACY_CHECK_ALIASES);

/** Collects named structure definitions while shapes are converted. */
class SchemaBuilder {
  readonly definitions: Record<string, JsonSchema> = {};

  string(shape: StringShape): JsonSchema {
    // A check named as a value (a schedule's targetCheckNames, a suppression's checkName): offer the API names.
    if (shape.name === 'AuditCheckName') return checkNameValue();
    const schema: JsonSchema = { type: 'string' };
    if (shape.min !== undefined) schema.minLength = shape.min;
    if (shape.max !== undefined) schema.maxLength = shape.max;
    if (shape.pattern !== undefined) {
      schema.pattern = shape.pattern;
      if (shape.patternHint) schema.patternErrorMessage = `${shape.name} may only contain ${shape.patternHint}.`;
    }
    if (shape.enum) {
      schema.enum = [...shape.enum];
      if (shape.enumDescriptions) {
        const descriptions = shape.enum.map((value) => shape.enumDescriptions?.[value] ?? '');
        schema.enumDescriptions = descriptions;
        schema.markdownEnumDescriptions = descriptions;
      }
    }
    return schema;
  }

  shape(shape: Shape): JsonSchema {
    switch (shape.type) {
      case 'string':
        return this.string(shape);
      case 'boolean':
        return { type: 'boolean' };
      case 'integer': {
        const schema: JsonSchema = { type: 'integer' };
        if (shape.min !== undefined) schema.minimum = shape.min;
        if (shape.max !== undefined) schema.maximum = shape.max;
        return schema;
      }
      case 'list':
        return this.list(shape);
      case 'map':
        return this.map(shape);
      case 'structure':
        return this.structureRef(shape);
    }
  }

  list(shape: ListShape, items: JsonSchema = this.shape(shape.item)): JsonSchema {
    const schema: JsonSchema = { type: 'array', items };
    if (shape.min !== undefined) schema.minItems = shape.min;
    if (shape.max !== undefined) schema.maxItems = shape.max;
    return schema;
  }

  /**
   * Maps keyed by audit check name list every check as a property (hover, completion) and
   * restrict keys to the API names plus the legacy aliases, which are flagged deprecated.
   */
  map(shape: MapShape): JsonSchema {
    const schema: JsonSchema = { type: 'object' };
    if (shape.min !== undefined) schema.minProperties = shape.min;
    if (shape.key.name !== 'AuditCheckName') {
      schema.propertyNames = this.string(shape.key);
      schema.additionalProperties = this.shape(shape.value);
      return schema;
    }
    const properties: Record<string, JsonSchema> = {};
    for (const check of AUDIT_CHECKS) {
      properties[check.name] = { ...described(check.description, checkDocumentation(check)), ...this.checkValue(shape.value, check) };
    }
    for (const alias of LEGACY_NAMES) {
      const target = auditCheck(LEGACY_CHECK_ALIASES[alias]);
      if (!target) throw new Error(`Legacy alias ${alias} names no catalogue check`);
      const description = legacyDescription(alias);
      properties[alias] = { ...described(description), deprecationMessage: description, ...this.checkValue(shape.value, target) };
    }
    schema.properties = properties;
    schema.propertyNames = {
      enum: [...API_CHECK_NAMES, ...LEGACY_NAMES],
      errorMessage: 'Not a Device Defender audit check name.',
      // Completion comes from `properties`, which hides the deprecated aliases.
      doNotSuggest: true,
    };
    return this.define(shape.name, schema);
  }

  /** Registers a named definition once and returns a reference to it. */
  private define(name: string, schema: JsonSchema): JsonSchema {
    const existing = this.definitions[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) throw new Error(`Two different shapes are named ${name}`);
    this.definitions[name] = schema;
    return ref(name);
  }

  /** A map value for one check: reason code lists only accept that check's codes, configurations only its threshold. */
  private checkValue(value: Shape, check: AuditCheckInfo): JsonSchema {
    if (value.type === 'structure' && value.name === 'AuditCheckConfiguration') return this.checkConfiguration(value, check);
    if (value.type === 'list' && value.item.name === 'ReasonForNonComplianceCode') {
      const codes = [...check.reasonCodes];
      const descriptions = codes.map((code) => REASON_CODE_DESCRIPTIONS[code] ?? '');
      return this.list(value, { type: 'string', enum: codes, enumDescriptions: descriptions, markdownEnumDescriptions: descriptions });
    }
    return this.shape(value);
  }

  /** One check's entry of auditCheckConfigurations: `enabled`, and a threshold only for the checks that have one. */
  private checkConfiguration(shape: StructureShape, check: AuditCheckInfo): JsonSchema {
    const schema = this.structure(shape);
    const properties = schema.properties as Record<string, JsonSchema>;
    const config = check.config;
    properties.configuration = config
      ? {
          ...described(`The threshold of ${check.name}: ${config.name}.`),
          type: 'object',
          properties: {
            [config.name]: {
              type: 'string',
              pattern: '^[0-9]+$',
              patternErrorMessage: `${config.name} is a whole number of days from ${config.min} to ${config.max}, written as a string.`,
              ...described(`Days, from ${config.min} to ${config.max} (default ${config.default}), written as a string.`),
              default: String(config.default),
            },
          },
          additionalProperties: false,
        }
      : { ...described(`${check.name} takes no configuration.`), type: 'object', maxProperties: 0 };
    return schema;
  }

  member(key: string, member: Member): JsonSchema {
    const base = this.shape(member.shape);
    const info = ACTION_TYPES.find((type) => type.paramsKey === key);
    const markdown = info
      ? `**${info.type}** — ${info.description}\n\n${permissionsText(info)}`
      : member.description;
    // The file writes a suppression's expiry as a date; the validator also checks the calendar.
    if (member.shape.name === 'ExpirationDate') Object.assign(base, { pattern: EXPIRATION_DATE_PATTERN, patternErrorMessage: 'An ISO 8601 date such as 2027-01-31, or a date-time such as 2027-01-31T12:00:00Z.' });
    // Annotations beside `$ref` are only read by editors; validation keywords never sit there.
    return { ...described(member.description, markdown), ...base };
  }

  /** The properties/required/additionalProperties part of a structure. */
  structure(shape: StructureShape): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, member] of Object.entries(shape.members)) properties[key] = this.member(key, member);
    const required = Object.entries(shape.members)
      .filter(([, member]) => member.required)
      .map(([key]) => key);
    const schema: JsonSchema = { type: 'object', properties };
    if (required.length) schema.required = required;
    schema.additionalProperties = false;
    if (shape.exactlyOne) {
      // "Exactly one of" as counts rather than oneOf, so errors say "too many properties", not "matches several schemas".
      schema.minProperties = 1;
      schema.maxProperties = 1;
    }
    return schema;
  }

  structureRef(shape: StructureShape): JsonSchema {
    return this.define(shape.name, { ...this.structure(shape), ...this.extras(shape) });
  }

  /** Snippets and cross-field rules that belong to particular structures. */
  private extras(shape: StructureShape): JsonSchema {
    switch (shape.name) {
      case 'MitigationActionParams':
        return {
          defaultSnippets: ACTION_TYPES.map((info) => ({
            label: info.type,
            description: info.title,
            body: { [info.paramsKey]: info.example },
          })),
        };
      case 'scheduledAudit':
        return { allOf: SCHEDULE_DAY_RULES, defaultSnippets: SCHEDULED_AUDIT_SNIPPETS };
      case 'suppression':
        return { allOf: [...SUPPRESSION_TERM_RULES, ...resourceIdentifierRules()], defaultSnippets: SUPPRESSION_SNIPPETS };
      case 'AuditMitigationActionsTaskTarget':
        return {
          if: { required: ['findingIds'] },
          then: {
            not: { anyOf: [{ required: ['auditTaskId'] }, { required: ['auditCheckToReasonCodeFilter'] }] },
            errorMessage: 'A target names either findingIds, or an auditTaskId optionally with auditCheckToReasonCodeFilter; not both.',
          },
        };
      default:
        return {};
    }
  }
}

function checkNameValue(): JsonSchema {
  const descriptions = AUDIT_CHECKS.map((check) => check.description);
  return {
    type: 'string',
    enum: [...API_CHECK_NAMES],
    enumDescriptions: descriptions,
    markdownEnumDescriptions: AUDIT_CHECKS.map(checkDocumentation),
    errorMessage: 'Not a Device Defender audit check name.',
  };
}

const frequencyIs = (...frequencies: string[]): JsonSchema => ({ properties: { frequency: { enum: frequencies } }, required: ['frequency'] });
const has = (key: string): JsonSchema => ({ required: [key] });

/** When a scheduled audit runs: WEEKLY and BIWEEKLY on a dayOfWeek, MONTHLY on a dayOfMonth, DAILY on neither. */
const SCHEDULE_DAY_RULES: JsonSchema[] = [
  { if: frequencyIs('WEEKLY', 'BIWEEKLY'), then: { required: ['dayOfWeek'], not: has('dayOfMonth'), errorMessage: 'A WEEKLY or BIWEEKLY audit runs on a dayOfWeek (SUN to SAT) and takes no dayOfMonth.' } },
  { if: frequencyIs('MONTHLY'), then: { required: ['dayOfMonth'], not: has('dayOfWeek'), errorMessage: 'A MONTHLY audit runs on a dayOfMonth (1 to 31, or LAST) and takes no dayOfWeek.' } },
  { if: frequencyIs('DAILY'), then: { not: { anyOf: [has('dayOfWeek'), has('dayOfMonth')] }, errorMessage: 'A DAILY audit runs every day: it takes no dayOfWeek or dayOfMonth.' } },
];

/** An expiry or "suppressIndefinitely": true, one of the two. */
const SUPPRESSION_TERM_RULES: JsonSchema[] = [
  { if: has('expirationDate'), then: { not: { properties: { suppressIndefinitely: { const: true } }, required: ['suppressIndefinitely'] }, errorMessage: 'Give either expirationDate or "suppressIndefinitely": true, not both.' } },
  { if: { not: has('expirationDate') }, then: { properties: { suppressIndefinitely: { const: true } }, required: ['suppressIndefinitely'], errorMessage: 'A suppression needs an expirationDate or "suppressIndefinitely": true.' } },
];

/** Each check names its resource by one ResourceIdentifier member, and only by it. */
function resourceIdentifierRules(): JsonSchema[] {
  return AUDIT_CHECKS.map((check) => {
    const member = resourceIdentifierMember(check);
    return {
      if: { properties: { checkName: { const: check.name } }, required: ['checkName'] },
      then: {
        properties: {
          resourceIdentifier: { type: 'object', required: [member], maxProperties: 1, errorMessage: `${check.name} reports on ${check.resourceType} resources: name the resource by ${member} alone.` },
        },
      },
    };
  });
}

const SCHEDULED_AUDIT_SNIPPETS: JsonSchema[] = [
  { label: 'weekly audit', description: 'Every week on a day, with the checks it runs.', body: { frequency: 'WEEKLY', dayOfWeek: '${1|MON,TUE,WED,THU,FRI,SAT,SUN|}', targetCheckNames: ['${2:LOGGING_DISABLED_CHECK}'] } },
  { label: 'monthly audit', description: 'Every month on a day (1 to 31, or LAST).', body: { frequency: 'MONTHLY', dayOfMonth: '${1:1}', targetCheckNames: ['${2:LOGGING_DISABLED_CHECK}'] } },
  { label: 'daily audit', description: 'Every day.', body: { frequency: 'DAILY', targetCheckNames: ['${1:LOGGING_DISABLED_CHECK}'] } },
];

const SUPPRESSION_SNIPPETS: JsonSchema[] = [
  {
    label: 'suppression until a date',
    description: 'Accept the findings of one check on one device certificate until a date, with the reason.',
    body: { checkName: 'DEVICE_CERTIFICATE_EXPIRING_CHECK', resourceIdentifier: { deviceCertificateId: '$1' }, expirationDate: '${2:2027-01-31}', description: '${3:why these findings are accepted}' },
  },
];

function actionSnippets(): JsonSchema[] {
  return ACTION_TYPES.map((info) => ({
    label: `${info.type} action`,
    description: info.title,
    body: {
      roleArn: `\${1:${EXAMPLE_ROLE_ARN}}`,
      actionParams: { [info.paramsKey]: info.example },
    },
  }));
}

const TASK_SNIPPETS: JsonSchema[] = [
  {
    label: 'task for an audit',
    description: 'Mitigate the findings of one audit; leave auditTaskId out to choose the audit when starting.',
    body: { target: { auditTaskId: '$1' }, auditCheckToActionsMapping: { '${2:CHECK_NAME}': ['${3:actionName}'] } },
  },
  {
    label: 'task for listed findings',
    description: 'Mitigate up to 25 findings named by id.',
    body: { target: { findingIds: ['$1'] }, auditCheckToActionsMapping: { '${2:CHECK_NAME}': ['${3:actionName}'] } },
  },
];

const FILE_MEMBERS = MITIGATION_FILE_ROOT.members;

const SCHEMA_PROPERTY: JsonSchema = { type: 'string', ...described(FILE_MEMBERS.$schema.description) };

function mitigationFile(builder: SchemaBuilder): JsonSchema {
  const actionNames: JsonSchema = {
    ...builder.string(MitigationActionName),
    ...described('The action name (AWS actionName), unique in the account.'),
  };
  const taskNames: JsonSchema = {
    ...builder.string(MitigationActionsTaskId),
    // Each start appends a timestamp to the name to form the taskId, which is limited to MitigationActionsTaskId.max.
    maxLength: MAX_TASK_NAME_LENGTH,
    ...described(`The task name; each start uses it plus a timestamp as the taskId, so at most ${MAX_TASK_NAME_LENGTH} characters.`),
  };
  return {
    type: 'object',
    ...described(
      'A mitigation file: mitigation action definitions keyed by action name, and audit mitigation tasks keyed by task name.',
    ),
    properties: {
      $schema: SCHEMA_PROPERTY,
      actions: {
        type: 'object',
        ...described(
          `${FILE_MEMBERS.actions.description} An account holds at most ${QUOTAS.mitigationActionsPerAccount} of them.`,
          `${FILE_MEMBERS.actions.description} An account holds at most **${QUOTAS.mitigationActionsPerAccount}** (not adjustable).`,
        ),
        maxProperties: QUOTAS.mitigationActionsPerAccount,
        propertyNames: actionNames,
        additionalProperties: ref('action'),
      },
      tasks: {
        type: 'object',
        ...described(FILE_MEMBERS.tasks.description),
        propertyNames: taskNames,
        additionalProperties: ref('task'),
      },
      auditConfiguration: { ...described(FILE_MEMBERS.auditConfiguration.description), ...builder.structureRef(FileAuditConfigurationShape) },
      scheduledAudits: {
        type: 'object',
        ...described(
          `${FILE_MEMBERS.scheduledAudits.description} An account holds at most ${QUOTAS.scheduledAuditsPerAccount} per region.`,
          `${FILE_MEMBERS.scheduledAudits.description} An account holds at most **${QUOTAS.scheduledAuditsPerAccount}** per region (not adjustable).`,
        ),
        maxProperties: QUOTAS.scheduledAuditsPerAccount,
        propertyNames: { ...builder.string(ScheduledAuditName), ...described('The scheduled audit name (AWS scheduledAuditName).') },
        additionalProperties: builder.structureRef(FileScheduledAuditShape),
      },
      suppressions: { type: 'array', ...described(FILE_MEMBERS.suppressions.description), items: builder.structureRef(FileSuppressionShape) },
    },
    additionalProperties: false,
    defaultSnippets: [
      {
        label: 'mitigation file',
        description: 'An action that publishes findings to SNS and a task that uses it.',
        body: {
          actions: {
            '${1:NotifySecurityTeam}': {
              roleArn: `\${2:${EXAMPLE_ROLE_ARN}}`,
              actionParams: { publishFindingToSnsParams: ACTION_TYPES.find((info) => info.type === 'PUBLISH_FINDING_TO_SNS')?.example },
            },
          },
          tasks: {
            '${3:notify-findings}': { target: { auditTaskId: '$4' }, auditCheckToActionsMapping: { '${5:CHECK_NAME}': ['${1}'] } },
          },
        },
      },
    ],
  };
}

/** A --cli-input-json document: the request structure plus an optional `$schema`. */
function cliInput(builder: SchemaBuilder, kind: CliInputKind, shape: StructureShape): JsonSchema {
  const base = builder.structure(shape);
  const schema: JsonSchema = {
    ...base,
    ...described(`AWS CLI input for \`aws iot ${kind} --cli-input-json file://...\`.`),
    properties: { $schema: SCHEMA_PROPERTY, ...(base.properties as Record<string, JsonSchema>) },
  };
  if (kind === 'start-audit-mitigation-actions-task') {
    // The API needs an audit or findings to act on; a mitigation file may leave both out.
    const properties = schema.properties as Record<string, JsonSchema>;
    const { $ref, ...annotations } = properties.target;
    // allOf rather than keywords beside $ref, which draft-07 validators may ignore.
    schema.properties = {
      ...properties,
      target: { ...annotations, allOf: [{ $ref }, { type: 'object', anyOf: [{ required: ['auditTaskId'] }, { required: ['findingIds'] }] }] },
    };
  }
  return schema;
}

/** The definition name of a kind's document: mitigationFile, createMitigationActionInput ... */
function definitionName(kind: DocumentKindInfo['kind']): string {
  const camel = kind.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  return isCliInputKind(kind) ? `${camel}Input` : camel;
}

/**
 * detectDocumentKind as if/then/else: the document kinds' key sets, tried in the same order; an
 * empty or new document is offered the mitigation file format.
 */
function kindChain(kinds: readonly DocumentKindInfo[]): JsonSchema {
  if (kinds.length === 0) return ref(definitionName('mitigation-file'));
  const [first, ...rest] = kinds;
  return { if: { anyOf: first.keySets.map((keys) => ({ required: [...keys] })) }, then: ref(definitionName(first.kind)), else: kindChain(rest) };
}

function buildSchema(): JsonSchema {
  const builder = new SchemaBuilder();
  const definitions: Record<string, JsonSchema> = builder.definitions;
  const file = mitigationFile(builder);
  definitions.action = { ...builder.structure(MITIGATION_FILE_SHAPES.action), defaultSnippets: actionSnippets() };
  definitions.task = { ...builder.structure(MITIGATION_FILE_SHAPES.task), defaultSnippets: TASK_SNIPPETS };
  for (const info of DOCUMENT_KINDS) definitions[definitionName(info.kind)] = isCliInputKind(info.kind) ? cliInput(builder, info.kind, info.root) : file;
  const sortedDefinitions = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated by scripts/generate-schema.ts from common/; do not edit.',
    title: 'IoT Mitigations document',
    ...described(
      'A *.mitigation.json file (actions and tasks), or an AWS CLI --cli-input-json document for create-mitigation-action, update-mitigation-action or start-audit-mitigation-actions-task.',
    ),
    type: 'object',
    ...kindChain(DOCUMENT_KINDS),
    definitions: sortedDefinitions,
  };
}

export function renderSchema(): string {
  return `${JSON.stringify(buildSchema(), null, 2)}\n`;
}

if (require.main === module) process.exitCode = writeOrCheck(SCHEMA_PATH, renderSchema(), 'npx tsx scripts/generate-schema.ts', process.argv.slice(2));
