/**
 * The AWS SDK's own resolution of a profile's endpoint, region and account (vscode-free).
 *
 * The SDK reads a configured endpoint (the profile's `endpoint_url`, its `services` section,
 * AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IOT / _STS, `ignore_configured_endpoint_urls`) only for the
 * profile AWS_PROFILE names, never for a client's `profile` option: @smithy/core's
 * getEndpointFromConfig calls loadConfig without it. Each client memoises that resolution on its
 * first use, so that first call happens here, with AWS_PROFILE naming the chosen profile for its
 * duration, one resolution at a time; requests then reuse the memoised answer.
 */
import { IoTClient } from '@aws-sdk/client-iot';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_HEALTH_PATH, isEmulatorHealth, isLoopbackUrl } from './connectionClass';
import { networkCode } from '../../shared/model/errors';

/** The part of a resolved SDK client config this module uses. */
export interface ConfiguredClient {
  readonly config: { readonly serviceConfiguredEndpoint?: () => Promise<string | undefined> };
}

let queue: Promise<unknown> = Promise.resolve();

async function withProfileEnvironment<T>(profile: string | undefined, run: () => Promise<T>): Promise<T> {
  if (!profile) return run();
  const previous = process.env.AWS_PROFILE;
  process.env.AWS_PROFILE = profile;
  try {
    return await run();
  } finally {
    if (previous === undefined) delete process.env.AWS_PROFILE;
    else process.env.AWS_PROFILE = previous;
  }
}

/** The endpoint the SDK configures for each client under `profile`; undefined: the public one. */
export function resolveConfiguredEndpoints(profile: string | undefined, clients: readonly ConfiguredClient[]): Promise<(string | undefined)[]> {
  const next = queue.then(() => withProfileEnvironment(profile, () => Promise.all(clients.map((client) => client.config.serviceConfiguredEndpoint?.()))));
  queue = next.catch(() => undefined);
  return next;
}

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
