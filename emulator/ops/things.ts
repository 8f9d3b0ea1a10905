/**
 * CreateThing, DescribeThing, ListThings, CreateThingGroup, AddThingToThingGroup,
 * ListThingGroupsForThing, ListThingsInThingGroup, DescribeThingGroup, ListPrincipalThings,
 * ListThingGroups: enough of the registry to see and shape
 * the fleet the audits look at.
 */
import * as model from '../../common/model';
import { jsonEqual } from '../../common/json';
import { alreadyExists, invalidRequest, notFound } from '../errors';
import { putThing, putThingGroup } from '../fleet/builders';
import { planGroupMembership } from '../mitigation/effects';
import { paginate } from '../pagination';
import type { RegionState } from '../state/regionState';
import type { Tag, Thing } from '../state/types';
import { checkStringShape, isObject, jsonOf, type JsonText } from '../http/wire';
import { compact, maxResultsFromQuery, seconds, type Handler } from './operation';
import { mergedTags } from './tags';

// Read once: the bundles reach common/ through a getter on every use of an import (see http/wire.ts).
const { AttributeName, AttributeValue, BillingGroupName, ThingGroupDescription, ThingGroupName, ThingName, ThingTypeName } = model;

function parseAttributes(payload: unknown, where: string): Record<string, string> {
  if (payload === undefined || payload === null) return {};
  if (!isObject(payload)) throw invalidRequest(`'${where}' must be an object.`);
  const attributes = payload.attributes;
  if (attributes === undefined || attributes === null) return {};
  if (!isObject(attributes)) throw invalidRequest(`'${where}.attributes' must be an object of strings.`);
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    checkStringShape(`${where}.attributes key`, key, AttributeName);
    if (typeof value !== 'string') throw invalidRequest(`Attribute '${key}' must be a string.`);
    result[key] = checkStringShape(`${where}.attributes.${key}`, value, AttributeValue);
  }
  return result;
}

function thingOrThrow(state: RegionState, thingName: string): Thing {
  const thing = state.things.get(thingName);
  if (!thing) throw notFound(`Thing ${thingName} does not exist.`);
  return thing;
}

export const createThing: Handler = ({ state, input, now }) => {
  const thingName = input.label('thingName', ThingName);
  const thingTypeName = input.bodyString('thingTypeName', ThingTypeName);
  const billingGroupName = input.bodyString('billingGroupName', BillingGroupName);
  const attributes = parseAttributes(input.body.attributePayload, 'attributePayload');
  const existing = state.things.get(thingName);
  if (existing) {
    if (jsonEqual(existing.attributes, attributes) && existing.thingTypeName === thingTypeName && existing.billingGroupName === billingGroupName) {
      return { thingName, thingArn: existing.thingArn, thingId: existing.thingId };
    }
    throw alreadyExists(`Thing ${thingName} already exists with different attributes.`, existing.thingId, existing.thingArn);
  }
  if (thingTypeName !== undefined) {
    const thingType = state.thingTypes.get(thingTypeName);
    if (!thingType) throw notFound(`Thing type ${thingTypeName} does not exist.`);
    if (thingType.deprecated) throw invalidRequest(`Thing type ${thingTypeName} is deprecated; new things cannot be given it.`);
  }
  if (billingGroupName !== undefined && !state.billingGroups.has(billingGroupName)) throw notFound(`Billing group ${billingGroupName} does not exist.`);
  const thing = putThing(state, { thingName, thingTypeName, billingGroupName, attributes }, now);
  return { thingName, thingArn: thing.thingArn, thingId: thing.thingId };
};

/** DescribeThing's answer per thing version, written once: a thing is read far more often than it changes. */
const describedThings = new WeakMap<Thing, JsonText>();

const describedThing = (thing: Thing) =>
  compact({
    defaultClientId: thing.thingName,
    thingName: thing.thingName,
    thingId: thing.thingId,
    thingArn: thing.thingArn,
    thingTypeName: thing.thingTypeName,
    attributes: thing.attributes,
    version: thing.version,
    billingGroupName: thing.billingGroupName,
  });

export const describeThing: Handler = ({ state, input }) => jsonOf(describedThings, thingOrThrow(state, input.label('thingName', ThingName)), describedThing);

export const listThings: Handler = ({ state, input }) => {
  const attributeName = input.queryString('attributeName', AttributeName);
  const attributeValue = input.queryString('attributeValue', AttributeValue);
  const thingTypeName = input.queryString('thingTypeName', ThingTypeName);
  const usePrefix = input.queryBool('usePrefixAttributeValue') ?? false;
  const maxResults = maxResultsFromQuery(input);
  const matchesAttribute = (thing: Thing) => {
    if (attributeName === undefined) return true;
    const value = thing.attributes[attributeName];
    if (value === undefined) return false;
    if (attributeValue === undefined) return true;
    return usePrefix ? value.startsWith(attributeValue) : value === attributeValue;
  };
  const things: Thing[] = [];
  // In key order, so the page needs no sort.
  for (const thing of state.things.valuesInKeyOrder()) if (matchesAttribute(thing) && (!thingTypeName || thing.thingTypeName === thingTypeName)) things.push(thing);
  const page = paginate(things, { operation: 'ListThings', filters: { attributeName, attributeValue, thingTypeName, usePrefix }, keyOf: (thing) => thing.thingName, order: 'key', maxResults, nextToken: input.queryString('nextToken') });
  return compact({ things: page.items.map((thing) => jsonOf(listedThings, thing, listedThing)), nextToken: page.nextToken });
};

/** A thing as ListThings lists it, serialised once per version of the thing. */
const listedThings = new WeakMap<Thing, JsonText>();
const listedThing = (thing: Thing) => compact({ thingName: thing.thingName, thingTypeName: thing.thingTypeName, thingArn: thing.thingArn, attributes: thing.attributes, version: thing.version });

export const createThingGroup: Handler = ({ state, input, now }) => {
  const groupName = input.label('thingGroupName', ThingGroupName);
  const parentGroupName = input.bodyString('parentGroupName', ThingGroupName);
  const properties = input.bodyObject('thingGroupProperties');
  const description = properties?.thingGroupDescription;
  if (description !== undefined && typeof description !== 'string') throw invalidRequest("'thingGroupProperties.thingGroupDescription' must be a string.");
  if (typeof description === 'string') checkStringShape('thingGroupProperties.thingGroupDescription', description, ThingGroupDescription);
  const attributes = parseAttributes(properties?.attributePayload, 'thingGroupProperties.attributePayload');
  const existing = state.thingGroups.get(groupName);
  if (existing) {
    if (existing.parentGroupName === parentGroupName && !existing.dynamic) return { thingGroupName: groupName, thingGroupArn: existing.groupArn, thingGroupId: existing.groupId };
    throw alreadyExists(`Thing group ${groupName} already exists with a different parent or type.`, existing.groupId, existing.groupArn);
  }
  if (parentGroupName !== undefined) {
    const parent = state.thingGroups.get(parentGroupName);
    if (!parent) throw invalidRequest(`Parent thing group ${parentGroupName} does not exist.`);
    if (parent.dynamic) throw invalidRequest(`Parent thing group ${parentGroupName} is a dynamic group; static groups cannot be its children.`);
  }
  const given = input.body.tags as Tag[] | undefined;
  // The same rules as TagResource: no aws: keys, at most 50.
  const tags = given && mergedTags([], given);
  const group = putThingGroup(state, { groupName, parentGroupName, description: description as string | undefined, attributes, tags }, now);
  return { thingGroupName: groupName, thingGroupArn: group.groupArn, thingGroupId: group.groupId };
};

function nameFromArn(arn: string, kind: string): string {
  const match = new RegExp(`^arn:aws[a-z-]*:iot:[a-z0-9-]*:\\d{12}:${kind}/(.+)$`).exec(arn);
  if (!match) throw invalidRequest(`${arn} is not a ${kind} ARN.`);
  return match[1];
}

export const addThingToThingGroup: Handler = ({ state, input }) => {
  const groupArn = input.bodyString('thingGroupArn');
  const thingArn = input.bodyString('thingArn');
  const groupName = input.bodyString('thingGroupName', ThingGroupName) ?? (groupArn !== undefined ? nameFromArn(groupArn, 'thinggroup') : undefined);
  const thingName = input.bodyString('thingName', ThingName) ?? (thingArn !== undefined ? nameFromArn(thingArn, 'thing') : undefined);
  const overrideDynamicGroups = input.bodyBool('overrideDynamicGroups') ?? false;
  if (groupName === undefined) throw invalidRequest('Specify thingGroupName or thingGroupArn.');
  if (thingName === undefined) throw invalidRequest('Specify thingName or thingArn.');
  if (!state.thingGroups.has(groupName)) throw notFound(`Thing group ${groupName} does not exist.`);
  const thing = thingOrThrow(state, thingName);
  const plan = planGroupMembership(state, thing, [groupName], overrideDynamicGroups);
  if (typeof plan === 'string') throw invalidRequest(plan);
  if (plan.join('\0') !== thing.groupNames.join('\0')) state.things.put(thingName, { ...thing, groupNames: plan, version: thing.version + 1 });
  return undefined;
};

export const listThingGroupsForThing: Handler = ({ state, input }) => {
  const thing = thingOrThrow(state, input.label('thingName', ThingName));
  const maxResults = maxResultsFromQuery(input);
  const groups = thing.groupNames.map((name) => state.thingGroups.get(name)).filter((group) => group !== undefined);
  const page = paginate(groups, { operation: 'ListThingGroupsForThing', filters: { thing: thing.thingName }, keyOf: (group) => group!.groupName, order: 'key', maxResults, nextToken: input.queryString('nextToken') });
  return compact({ thingGroups: page.items.map((group) => ({ groupName: group!.groupName, groupArn: group!.groupArn })), nextToken: page.nextToken });
};

function descendants(state: RegionState, groupName: string): string[] {
  const result = [groupName];
  for (let index = 0; index < result.length; index++) {
    for (const group of state.thingGroups.values()) if (group.parentGroupName === result[index]) result.push(group.groupName);
  }
  return result;
}

export const listThingsInThingGroup: Handler = ({ state, input }) => {
  const groupName = input.label('thingGroupName', ThingGroupName);
  if (!state.thingGroups.has(groupName)) throw notFound(`Thing group ${groupName} does not exist.`);
  const recursive = input.queryBool('recursive') ?? false;
  const maxResults = maxResultsFromQuery(input);
  const groups = recursive ? descendants(state, groupName) : [groupName];
  const names = [...new Set(groups.flatMap((name) => [...(state.thingsByGroup.get(name) ?? [])]))];
  const page = paginate(names, { operation: 'ListThingsInThingGroup', filters: { groupName, recursive }, keyOf: (name) => name, order: 'key', maxResults, nextToken: input.queryString('nextToken') });
  return compact({ things: page.items, nextToken: page.nextToken });
};


export const describeThingGroup: Handler = ({ state, input }) => {
  const groupName = input.label('thingGroupName', ThingGroupName);
  const group = state.thingGroups.get(groupName);
  if (!group) throw notFound(`Thing group ${groupName} does not exist.`);
  const ancestors: { groupName: string; groupArn: string }[] = [];
  for (let parent = group.parentGroupName; parent !== undefined; ) {
    const ancestor = state.thingGroups.get(parent);
    if (!ancestor) break;
    ancestors.unshift({ groupName: ancestor.groupName, groupArn: ancestor.groupArn });
    parent = ancestor.parentGroupName;
  }
  return compact({
    thingGroupName: group.groupName,
    thingGroupId: group.groupId,
    thingGroupArn: group.groupArn,
    version: 1,
    thingGroupProperties: compact({ thingGroupDescription: group.description, attributePayload: { attributes: group.attributes } }),
    thingGroupMetadata: compact({ parentGroupName: group.parentGroupName, rootToParentThingGroups: ancestors.length ? ancestors : undefined, creationDate: seconds(group.creationDate) }),
    // Dynamic groups name the fleet index and query they follow (DescribeThingGroup).
    indexName: group.dynamic ? 'AWS_Things' : undefined,
    queryString: group.queryString,
    queryVersion: group.dynamic ? '2017-09-30' : undefined,
    status: group.dynamic ? 'ACTIVE' : undefined,
  });
};

/** Things a certificate (by ARN, the x-amzn-principal header) is attached to. */
export const listPrincipalThings: Handler = ({ state, input }) => {
  const principal = input.header('x-amzn-principal', true)!;
  const maxResults = maxResultsFromQuery(input);
  const certificateId = /:cert\/([a-f0-9]{64})$/.exec(principal)?.[1];
  if (certificateId && !state.certificates.has(certificateId)) throw notFound(`Certificate ${certificateId} does not exist.`);
  const names = certificateId ? [...(state.thingsByCertificate.get(certificateId) ?? [])] : [];
  const page = paginate(names, { operation: 'ListPrincipalThings', filters: { principal }, keyOf: (name) => name, order: 'key', maxResults, nextToken: input.queryString('nextToken') });
  return compact({ things: page.items, nextToken: page.nextToken });
};

/**
 * ListThingGroups: every group of the account, or the children of `parentGroup` (with
 * `recursive`, all its descendants), optionally only names starting with `namePrefixFilter`.
 */
export const listThingGroups: Handler = ({ state, input }) => {
  const parentGroup = input.queryString('parentGroup', ThingGroupName);
  const namePrefixFilter = input.queryString('namePrefixFilter', ThingGroupName);
  const recursive = input.queryBool('recursive') ?? false;
  const maxResults = maxResultsFromQuery(input);
  if (parentGroup !== undefined && !state.thingGroups.has(parentGroup)) throw notFound(`Thing group ${parentGroup} does not exist.`);
  const inScope = parentGroup === undefined ? undefined : new Set(recursive ? descendants(state, parentGroup).slice(1) : [...state.thingGroups.values()].filter((group) => group.parentGroupName === parentGroup).map((group) => group.groupName));
  const groups = [...state.thingGroups.values()].filter((group) => (!inScope || inScope.has(group.groupName)) && (namePrefixFilter === undefined || group.groupName.startsWith(namePrefixFilter)));
  const page = paginate(groups, { operation: 'ListThingGroups', filters: { parentGroup, namePrefixFilter, recursive }, keyOf: (group) => group.groupName, order: 'key', maxResults, nextToken: input.queryString('nextToken') });
  return compact({ thingGroups: page.items.map((group) => ({ groupName: group.groupName, groupArn: group.groupArn })), nextToken: page.nextToken });
};
