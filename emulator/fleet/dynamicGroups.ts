/**
 * Dynamic thing groups whose membership follows their query string. The emulator evaluates a
 * small part of the fleet-indexing query language, enough for realistic seeds:
 *   attributes.KEY:VALUE      the attribute equals VALUE ("VALUE*" matches a prefix; quotes optional)
 *   attributes.KEY<N          numeric comparisons: <, <=, >, >= (the attribute must be a number)
 *   TERM AND TERM ...         every term must hold
 * A dynamic group with any other query (OR, NOT, ranges, shadow or connectivity fields...) keeps
 * the membership it was seeded with. Membership is evaluated when a thing is created or
 * re-seeded and when the dynamic group is created; a thing already in the maximum of 10 groups
 * does not join, and a thing that a mitigation evicted (overrideDynamicGroups) stays out until
 * its attributes are written again.
 */
import { QUOTAS } from '../../common/limits';
import type { RegionState } from '../state/regionState';
import type { Thing, ThingGroup } from '../state/types';

type Term = { key: string; op: ':' | '<' | '<=' | '>' | '>='; value: string };
type DynamicQuery = readonly Term[];

const TERM = /^attributes\.([a-zA-Z0-9_.,@/#-]+)\s*(<=|>=|<|>|:)\s*(.+)$/;

/** The query as terms, or undefined when it is outside the form the emulator evaluates. */
function parseDynamicQuery(queryString: string): DynamicQuery | undefined {
  const parts = queryString.trim().split(/\s+AND\s+/);
  const terms: Term[] = [];
  for (const part of parts) {
    const match = TERM.exec(part.trim());
    if (!match) return undefined;
    const op = match[2] as Term['op'];
    let value = match[3].trim();
    if (/^"[^"]*"$/.test(value)) value = value.slice(1, -1);
    else if (/[\s()"]/.test(value)) return undefined;
    if (op !== ':' && !Number.isFinite(Number(value))) return undefined;
    terms.push({ key: match[1], op, value });
  }
  return terms.length ? terms : undefined;
}

function holds(term: Term, attributes: Readonly<Record<string, string>>): boolean {
  const actual = attributes[term.key];
  if (actual === undefined) return false;
  if (term.op === ':') return term.value.endsWith('*') ? actual.startsWith(term.value.slice(0, -1)) : actual === term.value;
  const number = Number(actual);
  if (actual.trim() === '' || !Number.isFinite(number)) return false;
  const limit = Number(term.value);
  switch (term.op) {
    case '<':
      return number < limit;
    case '<=':
      return number <= limit;
    case '>':
      return number > limit;
    case '>=':
      return number >= limit;
  }
}

function matchesDynamicQuery(query: DynamicQuery, thing: Pick<Thing, 'attributes'>): boolean {
  return query.every((term) => holds(term, thing.attributes));
}

function evaluated(state: RegionState): [ThingGroup, DynamicQuery][] {
  const result: [ThingGroup, DynamicQuery][] = [];
  for (const group of state.thingGroups.values()) {
    if (!group.dynamic || !group.queryString) continue;
    const query = parseDynamicQuery(group.queryString);
    if (query) result.push([group, query]);
  }
  return result;
}

/** The thing's group list with its evaluated dynamic groups brought up to date. */
function withDynamicGroups(groupNames: readonly string[], thing: Pick<Thing, 'attributes'>, groups: readonly [ThingGroup, DynamicQuery][]): string[] {
  const next = [...groupNames];
  for (const [group, query] of groups) {
    const member = next.includes(group.groupName);
    const matches = matchesDynamicQuery(query, thing);
    if (member && !matches) next.splice(next.indexOf(group.groupName), 1);
    else if (!member && matches && next.length < QUOTAS.groupsPerThing) next.push(group.groupName);
  }
  return next;
}

/** Group names for a thing about to be written: static ones as given, evaluated dynamic ones by query. */
export function dynamicMembership(state: RegionState, groupNames: readonly string[], thing: Pick<Thing, 'attributes'>): string[] {
  const groups = evaluated(state);
  return groups.length ? withDynamicGroups(groupNames, thing, groups) : [...groupNames];
}

/** Fills a newly created dynamic group from the things that match its query. */
export function populateDynamicGroup(state: RegionState, group: ThingGroup): void {
  if (!group.dynamic || !group.queryString) return;
  const query = parseDynamicQuery(group.queryString);
  if (!query) return;
  for (const thing of [...state.things.values()]) {
    const next = withDynamicGroups(thing.groupNames, thing, [[group, query]]);
    if (next.join('\0') !== thing.groupNames.join('\0')) state.things.put(thing.thingName, { ...thing, groupNames: next });
  }
}
