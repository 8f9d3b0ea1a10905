/** CreateMitigationAction, UpdateMitigationAction, ListMitigationActions, DescribeMitigationAction, DeleteMitigationAction (AWS IoT API Reference, one page per operation). */
import { actionTypeOfParams } from '../../common/actionTypes';
import * as limits from '../../common/limits';
import * as model from '../../common/model';
import { errorsOnly, validateCreateMitigationAction, validateUpdateMitigationAction } from '../../common/validate';
import { jsonEqual } from '../../common/json';
import { alreadyExists, limitExceeded, notFound } from '../errors';
import { jsonOf, type JsonText } from '../http/wire';
import { newUuid } from '../fleet/ids';
import { paginate } from '../pagination';
import type { RegionState } from '../state/regionState';
import type { MitigationAction } from '../state/types';
import { compact, maxResultsFromQuery, rejectProblems, seconds, type Handler } from './operation';
import { mergedTags } from './tags';

// Read once: the bundles reach common/ through a getter on every use of an import (see http/wire.ts).
const { QUOTAS, mitigationActionArn } = limits;
const { MitigationActionName, MitigationActionTypeShape } = model;

export function accountActions(state: RegionState) {
  return { actionTypeOf: (name: string) => state.mitigationActions.get(name)?.actionType };
}

export const createMitigationAction: Handler = ({ state, input, now }) => {
  const actionName = input.label('actionName', MitigationActionName);
  const request: Record<string, unknown> = { ...input.body, actionName };
  rejectProblems(errorsOnly(validateCreateMitigationAction(request, { account: accountActions(state) })), request);
  const roleArn = request.roleArn as string;
  const actionParams = request.actionParams as Record<string, unknown>;
  const existing = state.mitigationActions.get(actionName);
  if (existing) {
    // Same name and same parameters is an idempotent success; anything else conflicts
    // (AWS IoT Device Defender Developer Guide, "Mitigation action commands", CreateMitigationAction).
    if (existing.roleArn === roleArn && jsonEqual(existing.actionParams, actionParams)) {
      return { actionArn: existing.actionArn, actionId: existing.actionId };
    }
    throw alreadyExists(`Mitigation action ${actionName} already exists with different parameters.`, existing.actionId, existing.actionArn);
  }
  if (state.mitigationActions.size >= QUOTAS.mitigationActionsPerAccount) {
    throw limitExceeded(`The account already has ${QUOTAS.mitigationActionsPerAccount} mitigation actions, the maximum.`);
  }
  const action: MitigationAction = {
    actionName,
    actionId: newUuid(),
    actionArn: mitigationActionArn(state.region, state.account, actionName),
    actionType: actionTypeOfParams(actionParams)!,
    roleArn,
    actionParams,
    // The same rules as TagResource: no aws: keys, at most 50.
    tags: mergedTags([], Array.isArray(request.tags) ? (request.tags as MitigationAction['tags']) : []),
    creationDate: now,
    lastModifiedDate: now,
  };
  state.mitigationActions.put(actionName, action);
  return { actionArn: action.actionArn, actionId: action.actionId };
};

export const updateMitigationAction: Handler = ({ state, input, now }) => {
  const actionName = input.label('actionName', MitigationActionName);
  const request: Record<string, unknown> = { ...input.body, actionName };
  rejectProblems(errorsOnly(validateUpdateMitigationAction(request, { account: accountActions(state) })), request);
  const existing = state.mitigationActions.get(actionName);
  if (!existing) throw notFound(`Mitigation action ${actionName} does not exist.`);
  const actionParams = (request.actionParams as Record<string, unknown> | undefined) ?? existing.actionParams;
  const updated: MitigationAction = {
    ...existing,
    roleArn: (request.roleArn as string | undefined) ?? existing.roleArn,
    actionParams,
    actionType: actionTypeOfParams(actionParams) ?? existing.actionType,
    lastModifiedDate: now,
  };
  state.mitigationActions.put(actionName, updated);
  return { actionArn: updated.actionArn, actionId: updated.actionId };
};

export const listMitigationActions: Handler = ({ state, input }) => {
  const actionType = input.queryString('actionType', MitigationActionTypeShape);
  const maxResults = maxResultsFromQuery(input);
  const actions = state.mitigationActions.valuesInKeyOrder().filter((action) => !actionType || action.actionType === actionType);
  const page = paginate(actions, { operation: 'ListMitigationActions', filters: { actionType }, keyOf: (action) => action.actionName, order: 'key', maxResults, nextToken: input.queryString('nextToken') });
  return compact({
    actionIdentifiers: page.items.map((action) => ({ actionName: action.actionName, actionArn: action.actionArn, creationDate: seconds(action.creationDate) })),
    nextToken: page.nextToken,
  });
};

/** DescribeMitigationAction's answer per action version, written once: an action is read far more often than it changes. */
const describedActions = new WeakMap<MitigationAction, JsonText>();

const describedAction = (action: MitigationAction) => ({
  actionName: action.actionName,
  actionType: action.actionType,
  actionArn: action.actionArn,
  actionId: action.actionId,
  roleArn: action.roleArn,
  actionParams: action.actionParams,
  creationDate: seconds(action.creationDate),
  lastModifiedDate: seconds(action.lastModifiedDate),
});

export const describeMitigationAction: Handler = ({ state, input }) => {
  const actionName = input.label('actionName', MitigationActionName);
  const action = state.mitigationActions.get(actionName);
  if (!action) throw notFound(`Mitigation action ${actionName} does not exist.`);
  return jsonOf(describedActions, action, describedAction);
};

/** Deleting an unknown name succeeds: the documented idempotent delete (AWS IoT API Reference, DeleteMitigationAction). */
export const deleteMitigationAction: Handler = ({ state, input }) => {
  state.mitigationActions.delete(input.label('actionName', MitigationActionName));
  return undefined;
};
