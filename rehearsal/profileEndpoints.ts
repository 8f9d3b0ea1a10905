/**
 * The SDK's endpoint resolution for a named profile. It lives here, in the vscode-free layer both
 * the extension and the CLI import, because both read accounts through profiles: the extension for
 * every connection, the CLI (and the extension) for a rehearsal's snapshot.
 *
 * The SDK reads a configured endpoint (the profile's `endpoint_url`, its `services` section,
 * AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IOT / _STS, `ignore_configured_endpoint_urls`) only for the
 * profile AWS_PROFILE names, never for a client's `profile` option: @smithy/core's
 * getEndpointFromConfig calls loadConfig without it. Each client memoises that resolution on its
 * first use, so that first call happens here, with AWS_PROFILE naming the chosen profile for its
 * duration, one resolution at a time; requests then reuse the memoised answer and the process
 * environment is left as it was.
 */

/** The part of a resolved SDK client config this module uses. */
interface ConfiguredClient {
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

/**
 * The endpoint the SDK configures for each client under `profile` (undefined: the public one).
 * Call it before a client's first request: the client then keeps that endpoint.
 */
export function resolveConfiguredEndpoints(profile: string | undefined, clients: readonly ConfiguredClient[]): Promise<(string | undefined)[]> {
  const next = queue.then(() => withProfileEnvironment(profile, () => Promise.all(clients.map((client) => client.config.serviceConfiguredEndpoint?.()))));
  queue = next.catch(() => undefined);
  return next;
}
