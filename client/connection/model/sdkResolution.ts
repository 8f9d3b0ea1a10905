/**
 * The AWS SDK's own resolution of a profile's region and account, and whether an endpoint is
 * this project's emulator (vscode-free). The profile's endpoint: rehearsal/profileEndpoints.ts.
 */
import { IoTClient } from '@aws-sdk/client-iot';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_HEALTH_PATH, isEmulatorHealth, isLoopbackUrl } from './connectionClass';
import { networkCode } from '../../shared/model/errors';

/** Whether a loopback endpoint is this project's emulator; never asks anything but loopback. */
export async function answersEmulatorHealth(endpoint: string | undefined, timeoutMs = 2000): Promise<boolean> {
  if (!endpoint || !isLoopbackUrl(endpoint)) return false;
  try {
    const response = await fetch(new URL(EMULATOR_HEALTH_PATH, endpoint), { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok && isEmulatorHealth(await response.json());
  } catch {
    return false;
  }
}

export interface AccountIdentity {
  readonly accountId?: string;
  /** Why there is no account id. */
  readonly reason?: string;
  /** Set when STS could not be reached at all (ECONNREFUSED, ENOTFOUND, …): the endpoint is down. */
  readonly unreachable?: unknown;
}

/** STS GetCallerIdentity; a failure is a reason to show, not an error: confirmations still ask. */
export async function readAccountId(sts: STSClient): Promise<AccountIdentity> {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return identity.Account ? { accountId: identity.Account } : { reason: 'STS GetCallerIdentity returned no account' };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return networkCode(error) ? { reason, unreachable: error } : { reason };
  }
}

/** The region the SDK finds for the profile (AWS_REGION, the profile's `region`), else us-east-1. */
export async function profileRegion(profile: string | undefined, fallback = 'us-east-1'): Promise<string> {
  const probe = new IoTClient({ profile });
  try {
    return (await probe.config.region()) || fallback;
  } catch {
    return fallback;
  } finally {
    probe.destroy();
  }
}
