/**
 * The audit-loop operations a deploy and an import use (the account audit configuration,
 * scheduled audits, suppressions), over the connection's IoTClient. Part of the SDK bundle
 * (client/connection/sdkBundle.ts), so activation does not load these commands.
 */
import {
  CreateAuditSuppressionCommand,
  CreateScheduledAuditCommand,
  DescribeAccountAuditConfigurationCommand,
  DescribeScheduledAuditCommand,
  ListAuditSuppressionsCommand,
  ListScheduledAuditsCommand,
  ListTagsForResourceCommand,
  UpdateAccountAuditConfigurationCommand,
  UpdateAuditSuppressionCommand,
  UpdateScheduledAuditCommand,
  type AuditFrequency,
  type DayOfWeek,
  type IoTClient,
  type ResourceIdentifier,
} from '@aws-sdk/client-iot';
import type { ModelScheduledAudit, ModelSuppression } from '../../../common';
import type { ActionTag } from './deployPlan';
import { expirySeconds, type AuditConfigurationRequest, type DeployedAuditConfiguration, type DeployedScheduledAudit, type DeployedSuppression, type ScheduledAuditStep, type SuppressionStep } from './auditDeployPlan';

type Options = { abortSignal?: AbortSignal };

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter((entry) => entry[1] !== undefined)) as T;
}

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

  private async tagsOf(resourceArn: string, options: Options): Promise<ActionTag[]> {
    const tags: ActionTag[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListTagsForResourceCommand({ resourceArn, nextToken }), options);
      for (const tag of page.tags ?? []) if (tag.Key !== undefined) tags.push(tag.Value === undefined ? { Key: tag.Key } : { Key: tag.Key, Value: tag.Value });
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return tags;
  }

  /**
   * Every scheduled audit with its checks (ListScheduledAudits does not name them, so each is
   * described); tags are read for the names in `withTags` only (the others keep theirs).
   */
  async scheduledAudits(withTags: ReadonlySet<string>, options: Options = {}): Promise<DeployedScheduledAudit[]> {
    const names: { name: string; arn?: string }[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListScheduledAuditsCommand({ maxResults: 250, nextToken }), options);
      for (const audit of page.scheduledAudits ?? []) if (audit.scheduledAuditName) names.push({ name: audit.scheduledAuditName, arn: audit.scheduledAuditArn });
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    // At most 5 scheduled audits an account and region: described one after the other.
    const audits: DeployedScheduledAudit[] = [];
    for (const { name, arn } of names) {
      const described = await this.client.send(new DescribeScheduledAuditCommand({ scheduledAuditName: name }), options);
      const readTags = arn && withTags.has(name);
      audits.push(withoutUndefined({
        name,
        arn: described.scheduledAuditArn ?? arn,
        frequency: described.frequency,
        dayOfMonth: described.dayOfMonth,
        dayOfWeek: described.dayOfWeek,
        targetCheckNames: described.targetCheckNames ?? [],
        tags: readTags ? await this.tagsOf(arn, options) : undefined,
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
    const found: DeployedSuppression[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListAuditSuppressionsCommand({ maxResults: 250, nextToken }), options);
      for (const item of page.suppressions ?? []) {
        if (!item.checkName || !item.resourceIdentifier) continue;
        found.push(withoutUndefined({
          checkName: item.checkName,
          resourceIdentifier: withoutUndefined({ ...item.resourceIdentifier }) as Record<string, unknown>,
          expirationDate: item.expirationDate,
          suppressIndefinitely: item.suppressIndefinitely,
          description: item.description,
        }));
      }
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return found;
  }

  /** What an import writes: the configuration, every scheduled audit and every suppression. */
  async auditLoop(options: Options = {}): Promise<{ auditConfiguration: DeployedAuditConfiguration; scheduledAudits: DeployedScheduledAudit[]; suppressions: DeployedSuppression[] }> {
    const [auditConfiguration, scheduledAudits, suppressions] = await Promise.all([this.auditConfiguration(options), this.scheduledAudits(new Set(), options), this.suppressions(options)]);
    return { auditConfiguration, scheduledAudits, suppressions };
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
