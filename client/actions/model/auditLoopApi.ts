/**
 * The audit-loop operations a deploy and an import use (the account audit configuration,
 * scheduled audits, suppressions), over the connection's IoTClient. Part of the SDK bundle
 * (client/connection/sdkBundle.ts), so activation does not load these commands.
 */
import {
  CreateAuditSuppressionCommand,
  CreateScheduledAuditCommand,
  DescribeAccountAuditConfigurationCommand,
  UpdateAccountAuditConfigurationCommand,
  UpdateAuditSuppressionCommand,
  UpdateScheduledAuditCommand,
  type AuditFrequency,
  type DayOfWeek,
  type IoTClient,
  type ResourceIdentifier,
} from '@aws-sdk/client-iot';
import type { DocumentModel, ModelScheduledAudit, ModelSuppression } from '../../../common';
import { readScheduledAudits, readSuppressions } from '../../audits/model/auditLoopReads';
import { listAllTags, listTagsIfAllowed } from '../../shared/model/iotApi';
import {
  expirySeconds,
  planAuditConfiguration,
  planScheduledAudits,
  planSuppressions,
  type AuditConfigurationRequest,
  type AuditLoopPlan,
  type DeployedAuditConfiguration,
  type DeployedScheduledAudit,
  type DeployedSuppression,
  type ScheduledAuditStep,
  type SuppressionStep,
} from './auditDeployPlan';
import { withoutUndefined } from '../../../common/json';

type Options = { abortSignal?: AbortSignal };

export class AuditLoopApi {
  constructor(private readonly client: IoTClient) {}

  async auditConfiguration(options: Options = {}): Promise<DeployedAuditConfiguration> {
    const output = await this.client.send(new DescribeAccountAuditConfigurationCommand({}), options);
    return {
      roleArn: output.roleArn,
      auditNotificationTargetConfigurations: Object.fromEntries(Object.entries(output.auditNotificationTargetConfigurations ?? {}).map(([type, target]) => [type, withoutUndefined({ ...target })])),
      auditCheckConfigurations: Object.fromEntries(Object.entries(output.auditCheckConfigurations ?? {}).map(([check, entry]) => [check, withoutUndefined({ ...entry })])),
    };
  }

  async updateAuditConfiguration(request: AuditConfigurationRequest, options: Options = {}): Promise<void> {
    await this.client.send(new UpdateAccountAuditConfigurationCommand(request), options);
  }

  /**
   * Every scheduled audit with its checks (ListScheduledAudits does not name them, so each is
   * described); tags (ListTagsForResource on its ARN) are read for the names in `withTags`, or
   * for every schedule with 'all'. With `ifTagsDenied` 'skip' (an import), a schedule whose tags
   * the caller may not read has none and `tagsUnreadable`; a deploy ('fail') must compare them.
   */
  async scheduledAudits(withTags: ReadonlySet<string> | 'all', options: Options = {}, ifTagsDenied: 'fail' | 'skip' = 'fail'): Promise<DeployedScheduledAudit[]> {
    const audits: DeployedScheduledAudit[] = [];
    for (const described of await readScheduledAudits(this.client, options)) {
      const name = described.scheduledAuditName;
      if (!name) continue;
      const arn = described.scheduledAuditArn;
      const wanted = arn !== undefined && (withTags === 'all' || withTags.has(name));
      const tags = wanted ? await (ifTagsDenied === 'skip' ? listTagsIfAllowed : listAllTags)(this.client, arn, options) : undefined;
      audits.push(withoutUndefined({
        name,
        arn,
        frequency: described.frequency,
        dayOfMonth: described.dayOfMonth,
        dayOfWeek: described.dayOfWeek,
        targetCheckNames: described.targetCheckNames ?? [],
        tags,
        tagsUnreadable: wanted && tags === undefined ? true : undefined,
      }));
    }
    return audits;
  }

  async createScheduledAudit(audit: ModelScheduledAudit, options: Options = {}): Promise<void> {
    await this.client.send(new CreateScheduledAuditCommand({
      scheduledAuditName: audit.name,
      frequency: audit.frequency as AuditFrequency,
      dayOfMonth: audit.dayOfMonth,
      dayOfWeek: audit.dayOfWeek as DayOfWeek | undefined,
      targetCheckNames: [...audit.targetCheckNames],
      tags: audit.tags?.map((tag) => ({ ...tag })),
    }), options);
  }

  /** Schedule and checks as the step says differ; tags go through TagResource/UntagResource (client/actions/deployCommand.ts). */
  async updateScheduledAudit(step: ScheduledAuditStep, options: Options = {}): Promise<void> {
    const { audit, differences } = step;
    if (!differences.includes('schedule') && !differences.includes('targetCheckNames')) return;
    await this.client.send(new UpdateScheduledAuditCommand({
      scheduledAuditName: audit.name,
      ...(differences.includes('schedule') ? { frequency: audit.frequency as AuditFrequency, dayOfMonth: audit.dayOfMonth, dayOfWeek: audit.dayOfWeek as DayOfWeek | undefined } : {}),
      ...(differences.includes('targetCheckNames') ? { targetCheckNames: [...audit.targetCheckNames] } : {}),
    }), options);
  }

  /** Every suppression of the account, soonest expiry first. */
  async suppressions(options: Options = {}): Promise<DeployedSuppression[]> {
    return (await readSuppressions(this.client, options))
      .filter((item) => item.checkName && item.resourceIdentifier)
      .map((item) => withoutUndefined({
        checkName: item.checkName!,
        resourceIdentifier: withoutUndefined({ ...item.resourceIdentifier }) as Record<string, unknown>,
        expirationDate: item.expirationDate,
        suppressIndefinitely: item.suppressIndefinitely,
        description: item.description,
      }));
  }

  /** What an import writes: the configuration, every scheduled audit with its tags (those it may read) and every suppression. */
  async auditLoop(options: Options = {}): Promise<{ auditConfiguration: DeployedAuditConfiguration; scheduledAudits: DeployedScheduledAudit[]; suppressions: DeployedSuppression[] }> {
    const [auditConfiguration, scheduledAudits, suppressions] = await Promise.all([this.auditConfiguration(options), this.scheduledAudits('all', options, 'skip'), this.suppressions(options)]);
    return { auditConfiguration, scheduledAudits, suppressions };
  }

  /**
   * What a deploy of the file changes in the audit loop: each section the file writes, compared
   * with the account. A schedule's tags are read only when its file entry names `tags`: the
   * others keep the account's, as actions do.
   */
  async plan(model: Pick<DocumentModel, 'auditConfiguration' | 'scheduledAudits' | 'suppressions'>, options: Options = {}): Promise<AuditLoopPlan> {
    const tagged = new Set(model.scheduledAudits.filter((audit) => audit.tags).map((audit) => audit.name));
    const [configuration, scheduled, suppressions] = await Promise.all([
      model.auditConfiguration ? this.auditConfiguration(options) : undefined,
      model.scheduledAudits.length ? this.scheduledAudits(tagged, options) : undefined,
      model.suppressions.length ? this.suppressions(options) : undefined,
    ]);
    return {
      auditConfiguration: model.auditConfiguration && configuration ? planAuditConfiguration(model.auditConfiguration, configuration) : undefined,
      scheduledAudits: scheduled ? planScheduledAudits(model.scheduledAudits, scheduled) : undefined,
      suppressions: suppressions ? planSuppressions(model.suppressions, suppressions) : undefined,
    };
  }

  async createSuppression(suppression: ModelSuppression, options: Options = {}): Promise<void> {
    const seconds = expirySeconds(suppression);
    // clientRequestToken is left to the SDK (an idempotency token): its retries do not suppress twice.
    await this.client.send(new CreateAuditSuppressionCommand({
      checkName: suppression.checkName,
      resourceIdentifier: suppression.resourceIdentifier as ResourceIdentifier,
      ...(suppression.suppressIndefinitely === true ? { suppressIndefinitely: true } : seconds !== undefined ? { expirationDate: new Date(seconds * 1000) } : {}),
      description: suppression.description,
    }), options);
  }

  async updateSuppression(step: SuppressionStep, options: Options = {}): Promise<void> {
    const { suppression, differences } = step;
    const seconds = expirySeconds(suppression);
    const expiry = suppression.suppressIndefinitely === true ? { suppressIndefinitely: true } : seconds !== undefined ? { expirationDate: new Date(seconds * 1000), suppressIndefinitely: false } : {};
    await this.client.send(new UpdateAuditSuppressionCommand({
      checkName: suppression.checkName,
      resourceIdentifier: suppression.resourceIdentifier as ResourceIdentifier,
      ...(differences.includes('expiry') ? expiry : {}),
      ...(differences.includes('description') ? { description: suppression.description } : {}),
    }), options);
  }
}
