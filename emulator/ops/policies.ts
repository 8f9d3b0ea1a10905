/** GetPolicy, ListPolicyVersions, GetPolicyVersion: where REPLACE_DEFAULT_POLICY_VERSION shows. */
import { PolicyName, PolicyVersionId } from '../../common/model';
import { notFound } from '../errors';
import type { Policy } from '../state/types';
import { seconds, type Handler, type OperationContext } from './operation';

function policyOrThrow({ state, input }: OperationContext): Policy {
  const name = input.label('policyName', PolicyName);
  const policy = state.policies.get(name);
  if (!policy) throw notFound(`Policy ${name} does not exist.`);
  return policy;
}

const generationId = (policy: Policy, versionId: string) => `${policy.policyName.length}${versionId}${policy.lastModifiedDate}`;

export const getPolicy: Handler = (context) => {
  const policy = policyOrThrow(context);
  const version = policy.versions.find((candidate) => candidate.versionId === policy.defaultVersionId)!;
  return {
    policyName: policy.policyName,
    policyArn: policy.policyArn,
    policyDocument: version.document,
    defaultVersionId: policy.defaultVersionId,
    creationDate: seconds(policy.creationDate),
    lastModifiedDate: seconds(policy.lastModifiedDate),
    generationId: generationId(policy, version.versionId),
  };
};

export const listPolicyVersions: Handler = (context) => {
  const policy = policyOrThrow(context);
  return {
    policyVersions: [...policy.versions].reverse().map((version) => ({ versionId: version.versionId, isDefaultVersion: version.versionId === policy.defaultVersionId, createDate: seconds(version.createDate) })),
  };
};

export const getPolicyVersion: Handler = (context) => {
  const policy = policyOrThrow(context);
  const versionId = context.input.label('policyVersionId', PolicyVersionId);
  const version = policy.versions.find((candidate) => candidate.versionId === versionId);
  if (!version) throw notFound(`Policy ${policy.policyName} has no version ${versionId}.`);
  return {
    policyArn: policy.policyArn,
    policyName: policy.policyName,
    policyDocument: version.document,
    policyVersionId: version.versionId,
    isDefaultVersion: version.versionId === policy.defaultVersionId,
    creationDate: seconds(version.createDate),
    lastModifiedDate: seconds(policy.lastModifiedDate),
    generationId: generationId(policy, version.versionId),
  };
};
