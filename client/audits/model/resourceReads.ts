/**
 * Reads about a finding's resource, for rows a person looks at (vscode-free): the things a
 * device certificate is attached to, and the resource itself as the API describes it. Nothing
 * here enumerates a fleet: each call reads one resource.
 */
import {
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeRoleAliasCommand,
  DescribeThingCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetV2LoggingOptionsCommand,
  ListPrincipalThingsCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { findingResource, type ResourceLike } from '../../shared/model/findingResource';

/** Things named per certificate at most (the first ListPrincipalThings page). */
const THINGS_SHOWN = 10;

/** The certificate's things (ListPrincipalThings with its ARN), or [] for other resources. */
export async function resourceThings(client: IoTClient, resource: ResourceLike | undefined): Promise<string[]> {
  const certificateId = resource?.resourceType === 'DEVICE_CERTIFICATE' ? resource.resourceIdentifier?.deviceCertificateId : undefined;
  if (!certificateId) return [];
  const principal = resource?.resourceIdentifier?.deviceCertificateArn
    ?? (await client.send(new DescribeCertificateCommand({ certificateId }))).certificateDescription?.certificateArn;
  if (!principal) return [];
  const page = await client.send(new ListPrincipalThingsCommand({ principal, maxResults: THINGS_SHOWN }));
  return page.things ?? [];
}

/** The ROLE_ALIAS identifier is an ARN ("...:rolealias/Name"); DescribeRoleAlias takes the name. */
function roleAliasName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Drops the SDK's response metadata: the document shows what the API answered. */
function answer<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output;
  return rest;
}

/**
 * The resource as the AWS IoT API describes it: DescribeCertificate (and DescribeThing of its
 * things), DescribeCACertificate, GetPolicyVersion, DescribeRoleAlias, GetV2LoggingOptions.
 * Resources no AWS IoT API describes get a clear error naming why.
 */
export async function readResource(client: IoTClient, resource: ResourceLike | undefined): Promise<{ operation: string; value: unknown }> {
  const id = resource?.resourceIdentifier ?? {};
  const described = findingResource(resource);
  switch (resource?.resourceType) {
    case 'DEVICE_CERTIFICATE': {
      if (!id.deviceCertificateId) break;
      const certificate = answer(await client.send(new DescribeCertificateCommand({ certificateId: id.deviceCertificateId })));
      const things = await resourceThings(client, resource);
      const thingDescriptions = await Promise.all(things.map(async (thingName) => answer(await client.send(new DescribeThingCommand({ thingName })))));
      return { operation: 'DescribeCertificate + DescribeThing', value: { ...certificate, things: thingDescriptions } };
    }
    case 'CA_CERTIFICATE':
      if (!id.caCertificateId) break;
      return { operation: 'DescribeCACertificate', value: answer(await client.send(new DescribeCACertificateCommand({ certificateId: id.caCertificateId }))) };
    case 'IOT_POLICY': {
      const policy = id.policyVersionIdentifier;
      if (!policy?.policyName) break;
      if (policy.policyVersionId) {
        return { operation: 'GetPolicyVersion', value: answer(await client.send(new GetPolicyVersionCommand({ policyName: policy.policyName, policyVersionId: policy.policyVersionId }))) };
      }
      return { operation: 'GetPolicy', value: answer(await client.send(new GetPolicyCommand({ policyName: policy.policyName }))) };
    }
    case 'ROLE_ALIAS':
      if (!id.roleAliasArn) break;
      return { operation: 'DescribeRoleAlias', value: answer(await client.send(new DescribeRoleAliasCommand({ roleAlias: roleAliasName(id.roleAliasArn) }))) };
    case 'ACCOUNT_SETTINGS':
      return { operation: 'GetV2LoggingOptions', value: answer(await client.send(new GetV2LoggingOptionsCommand({}))) };
    case 'CLIENT_ID':
      throw new Error(`AWS IoT has no API that describes a client ID (${described.full}): the finding's details say what was seen.`);
    case 'COGNITO_IDENTITY_POOL':
    case 'IAM_ROLE':
      throw new Error(`${described.kind} ${described.full} is not an AWS IoT resource: open it in the ${resource.resourceType === 'IAM_ROLE' ? 'IAM' : 'Amazon Cognito'} console.`);
  }
  throw new Error(`The finding names no ${described.kind.toLowerCase()} that AWS IoT can describe (${described.full}).`);
}
