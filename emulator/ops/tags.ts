/**
 * ListTagsForResource, TagResource, UntagResource (AWS IoT API Reference, one page per
 * operation) for the resources the emulator keeps tags on: mitigation actions, thing groups and
 * scheduled audits ("Tagging your AWS IoT resources" names scheduled audits among the taggable
 * resources; CreateScheduledAudit takes `tags`).
 */
import { QUOTAS } from '../../common/limits';
import { ResourceArn } from '../../common/model';
import { invalidRequest, limitExceeded, notFound } from '../errors';
import type { RegionState } from '../state/regionState';
import type { Tag } from '../state/types';
import { type Handler } from './operation';

/** The taggable resources the emulator stores, by the resource type in their ARN. */
const STORED = ['mitigationaction', 'thinggroup', 'scheduledaudit'] as const;
type Stored = (typeof STORED)[number];
const STORED_WORDS = 'mitigation actions, thing groups and scheduled audits';

/**
 * Resource types AWS IoT tags that the emulator keeps no tags on: the resources of the API's
 * other Create operations that take `tags` (CreateAuthorizer, CreateBillingGroup, CreateJob,
 * CreatePolicy, CreateTopicRule, RegisterCACertificate, ...), by the type in their ARN.
 */
const TAGGABLE_NOT_STORED: ReadonlySet<string> = new Set([
  'authorizer', 'billinggroup', 'cacert', 'custommetric', 'dimension', 'domainconfiguration', 'fleetmetric', 'job', 'jobtemplate',
  'otaupdate', 'policy', 'provisioningtemplate', 'rolealias', 'rule', 'securityprofile', 'stream', 'thingtype',
]);

interface TaggedResource {
  readonly tags: readonly Tag[];
  save(tags: Tag[]): void;
}

const ARN = /^arn:aws[a-z-]*:iot:([a-z0-9-]+):(\d{12}):([a-z]+)\/(.+)$/;

function refuseType(type: string): never {
  if (TAGGABLE_NOT_STORED.has(type)) throw invalidRequest(`AWS IoT tags ${type} resources, but the emulator does not keep them; it keeps tags on ${STORED_WORDS}.`);
  throw invalidRequest(`AWS IoT does not tag ${type} resources. The emulator keeps tags on ${STORED_WORDS}.`);
}

/** The resource an ARN names in this account and region; other accounts' and regions' resources are not found, as in the service. */
function resourceOf(state: RegionState, arn: string): TaggedResource {
  const match = ARN.exec(arn);
  if (!match) throw invalidRequest(`${arn} is not an AWS IoT resource ARN (arn:aws:iot:<region>:<account>:<type>/<name>).`);
  const [, region, account, type, name] = match;
  if (!STORED.includes(type as Stored)) refuseType(type);
  const missing = () => notFound(`The resource ${arn} does not exist.`);
  if (region !== state.region || account !== state.account) throw missing();
  switch (type as Stored) {
    case 'mitigationaction': {
      const action = state.mitigationActions.get(name);
      if (!action) throw missing();
      return { tags: action.tags, save: (tags) => state.mitigationActions.put(name, { ...action, tags }) };
    }
    case 'scheduledaudit': {
      const schedule = state.scheduledAudits.get(name);
      if (!schedule) throw missing();
      return { tags: schedule.tags, save: (tags) => state.scheduledAudits.put(name, { ...schedule, tags }) };
    }
    case 'thinggroup': {
      const group = state.thingGroups.get(name);
      if (!group) throw missing();
      return { tags: group.tags ?? [], save: (tags) => state.thingGroups.put(name, { ...group, tags }) };
    }
  }
}

/**
 * `current` with `added` merged in by key, as TagResource and a create's `tags` apply them:
 * keys starting with "aws:" are refused, and so is a resource past the tag quota.
 */
export function mergedTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const merged = new Map(current.map((tag) => [tag.Key, tag]));
  for (const tag of added) {
    if (tag.Key.toLowerCase().startsWith('aws:')) throw invalidRequest(`Tag keys starting with "aws:" are reserved for AWS (${tag.Key}).`);
    merged.set(tag.Key, tag.Value === undefined ? { Key: tag.Key } : { Key: tag.Key, Value: tag.Value });
  }
  if (merged.size > QUOTAS.tagsPerResource) throw limitExceeded(`A resource can have at most ${QUOTAS.tagsPerResource} tags; this would give it ${merged.size}.`);
  return [...merged.values()];
}

/** The required member's value; the model check has already refused a request without it. */
function resourceArn(value: string | undefined): string {
  if (!value) throw invalidRequest('resourceArn must not be empty.');
  return value;
}

export const listTagsForResource: Handler = ({ state, input }) => {
  const resource = resourceOf(state, resourceArn(input.queryString('resourceArn', ResourceArn, true)));
  // Fewer than a page of tags fit on a resource: one page, no nextToken.
  return { tags: resource.tags.map((tag) => ({ ...tag })) };
};

export const tagResource: Handler = ({ state, input }) => {
  const resource = resourceOf(state, resourceArn(input.bodyString('resourceArn', ResourceArn, true)));
  resource.save(mergedTags(resource.tags, input.body.tags as Tag[]));
  return undefined;
};

export const untagResource: Handler = ({ state, input }) => {
  const resource = resourceOf(state, resourceArn(input.bodyString('resourceArn', ResourceArn, true)));
  const removed = new Set(input.body.tagKeys as string[]);
  // Keys the resource does not have are ignored: untagging is idempotent.
  resource.save(resource.tags.filter((tag) => !removed.has(tag.Key)));
  return undefined;
};
