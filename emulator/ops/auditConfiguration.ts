/**
 * DescribeAccountAuditConfiguration, UpdateAccountAuditConfiguration and
 * DeleteAccountAuditConfiguration (AWS IoT API Reference, one page per operation; the
 * Device Defender guide's "Audit commands": deleting restores the defaults, every check disabled).
 */
import { AUDIT_CHECKS, auditCheck } from '../../common/auditChecks';
import { ConfigValue, RoleArn, TargetArn } from '../../common/model';
import { defaultAuditConfiguration } from '../audit/engine';
import { invalidRequest, notFound } from '../errors';
import { checkStringShape, isObject } from '../http/wire';
import type { AuditCheckConfiguration, AuditConfiguration, AuditNotificationTarget } from '../state/types';
import { compact, type Handler } from './operation';

export const describeAccountAuditConfiguration: Handler = ({ state }) => {
  const configuration = state.auditConfiguration ?? defaultAuditConfiguration();
  const checks = Object.fromEntries(AUDIT_CHECKS.map((check) => [check.name, compact({ enabled: configuration.checks[check.name]?.enabled ?? false, configuration: configuration.checks[check.name]?.configuration })]));
  return compact({
    roleArn: configuration.roleArn,
    auditNotificationTargetConfigurations: configuration.notifications,
    auditCheckConfigurations: checks,
  });
};

function parseNotificationTargets(value: unknown): Record<string, AuditNotificationTarget> {
  if (!isObject(value)) throw invalidRequest("'auditNotificationTargetConfigurations' must be an object keyed by notification type.");
  const targets: Record<string, AuditNotificationTarget> = {};
  for (const [type, target] of Object.entries(value)) {
    if (type !== 'SNS') throw invalidRequest(`'${type}' is not an audit notification type; the only type is SNS.`);
    if (!isObject(target)) throw invalidRequest(`auditNotificationTargetConfigurations.${type} must be an object.`);
    if (target.enabled !== undefined && typeof target.enabled !== 'boolean') throw invalidRequest(`auditNotificationTargetConfigurations.${type}.enabled must be a boolean.`);
    for (const key of ['targetArn', 'roleArn'] as const) {
      if (target[key] !== undefined && typeof target[key] !== 'string') throw invalidRequest(`auditNotificationTargetConfigurations.${type}.${key} must be a string.`);
    }
    if (typeof target.targetArn === 'string') checkStringShape(`auditNotificationTargetConfigurations.${type}.targetArn`, target.targetArn, TargetArn);
    if (typeof target.roleArn === 'string') checkStringShape(`auditNotificationTargetConfigurations.${type}.roleArn`, target.roleArn, RoleArn);
    targets[type] = compact({ targetArn: target.targetArn as string | undefined, roleArn: target.roleArn as string | undefined, enabled: target.enabled === true });
  }
  return targets;
}

function parseCheckConfigurations(value: unknown): Record<string, AuditCheckConfiguration> {
  if (!isObject(value)) throw invalidRequest("'auditCheckConfigurations' must be an object keyed by audit check name.");
  const checks: Record<string, AuditCheckConfiguration> = {};
  for (const [name, entry] of Object.entries(value)) {
    const info = auditCheck(name);
    if (!info) throw invalidRequest(`${name} is not an audit check.`);
    if (!isObject(entry)) throw invalidRequest(`auditCheckConfigurations.${name} must be an object.`);
    if (entry.enabled !== undefined && typeof entry.enabled !== 'boolean') throw invalidRequest(`auditCheckConfigurations.${name}.enabled must be a boolean.`);
    const configuration: Record<string, string> = {};
    if (entry.configuration !== undefined) {
      if (!isObject(entry.configuration)) throw invalidRequest(`auditCheckConfigurations.${name}.configuration must be an object.`);
      for (const [key, raw] of Object.entries(entry.configuration)) {
        if (!info.config || key !== info.config.name) throw invalidRequest(`${key} is not a configuration of ${name}.`);
        if (typeof raw !== 'string') throw invalidRequest(`auditCheckConfigurations.${name}.configuration.${key} must be a string.`);
        checkStringShape(`auditCheckConfigurations.${name}.configuration.${key}`, raw, ConfigValue);
        const days = Number(raw);
        if (!Number.isInteger(days) || days < info.config.min || days > info.config.max) throw invalidRequest(`${key} must be a whole number of days from ${info.config.min} to ${info.config.max}.`);
        configuration[key] = raw;
      }
    }
    checks[name] = Object.keys(configuration).length ? { enabled: entry.enabled === true, configuration } : { enabled: entry.enabled === true };
  }
  return checks;
}

export const updateAccountAuditConfiguration: Handler = ({ state, input }) => {
  const roleArn = input.bodyString('roleArn', RoleArn);
  const notifications = input.bodyObject('auditNotificationTargetConfigurations') && parseNotificationTargets(input.body.auditNotificationTargetConfigurations);
  const checks = input.bodyObject('auditCheckConfigurations') && parseCheckConfigurations(input.body.auditCheckConfigurations);
  const current = state.auditConfiguration;
  const firstTime = !current?.roleArn;
  const next: AuditConfiguration = {
    roleArn: roleArn ?? current?.roleArn,
    notifications: { ...(current?.notifications ?? {}), ...(notifications ?? {}) },
    checks: { ...(current?.checks ?? defaultAuditConfiguration().checks), ...(checks ?? {}) },
  };
  // UpdateAccountAuditConfiguration: a check used by a scheduled audit cannot be disabled.
  for (const [name, check] of Object.entries(checks ?? {})) {
    if (check.enabled) continue;
    const users = [...state.scheduledAudits.values()].filter((audit) => audit.targetCheckNames.includes(name)).map((audit) => audit.scheduledAuditName);
    if (users.length) throw invalidRequest(`${name} is used by the scheduled audit(s) ${users.join(', ')}; remove it from them or delete them before disabling it.`);
  }
  if (firstTime) {
    if (!next.roleArn) throw invalidRequest('The first UpdateAccountAuditConfiguration must set roleArn.');
    if (!Object.values(next.checks).some((check) => check.enabled)) throw invalidRequest('The first UpdateAccountAuditConfiguration must enable at least one audit check.');
  }
  state.auditConfiguration = compact(next as unknown as Record<string, unknown>) as unknown as AuditConfiguration;
  return undefined;
};

export const deleteAccountAuditConfiguration: Handler = ({ state, input }) => {
  if (!state.auditConfiguration?.roleArn) throw notFound('This account has no audit configuration to delete.');
  const deleteScheduled = input.queryBool('deleteScheduledAudits') === true;
  const scheduled = [...state.scheduledAudits.keys()];
  if (scheduled.length && !deleteScheduled) {
    throw invalidRequest(`The account has ${scheduled.length} scheduled audit(s) (${scheduled.join(', ')}); delete them first or pass deleteScheduledAudits=true.`);
  }
  for (const name of scheduled) state.scheduledAudits.delete(name);
  state.auditConfiguration = undefined;
  return undefined;
};
