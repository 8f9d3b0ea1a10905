// esbuild plugins that keep out of the bundles the parts of the AWS SDK no request of ours runs
// (BENCHMARKS.md "Package"); each rewrite changes nothing the extension or the CLI does.
import { readFile } from 'node:fs/promises';

/** An AWS SDK client's generated schemas: every shape of the service, one exported array each. */
const SDK_SCHEMAS = /node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](submodules[\\/][^\\/]+[\\/])?schemas[\\/]schemas_\d+\.js$/;
/** An AWS SDK package's manifest, which its runtimeConfig imports whole for the version in the user agent. */
const SDK_MANIFEST = /node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/;
/** The one module that loads the event-stream codec, on the first operation with a streaming member. */
const EVENT_STREAM_LOADER = /node_modules[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]protocols[\\/]HttpProtocol\.js$/;

/**
 * What the build puts where the SDK imports its event-stream codec. No operation the bundles send
 * streams: AWS IoT, STS, SSO, SSO OIDC and the sign-in service have no event-stream member in
 * their models. Should a later SDK reach it anyway, the request fails saying why.
 */
const NO_EVENT_STREAMS = `const why = "IoT Mitigations bundles no AWS SDK event-stream codec (scripts/trimAwsSdk.mjs): no operation it sends streams";
export class EventStreamSerde { constructor() { throw new Error(why); } }
export function eventStreamSerdeProvider() { throw new Error(why); }
`;

/**
 * Three places where the AWS SDK's ES modules carry more than the requests need. The generated
 * schemas write trait keys as `{ [_h]: ... }` with `const _h = "http"`, and esbuild keeps any
 * object with a computed key as if it had side effects, so the schema of every operation stayed
 * (client-iot: 110 of its 114 KB); the key becomes the string literal it names. A client's
 * runtimeConfig reads only `version` of the package.json it imports (8 KB of manifests in
 * dist/sdk.js); the manifest becomes its name and version. The event-stream codec (15 KB) is
 * imported on the first streaming operation, which never comes.
 */
export const trimAwsSdk = {
  name: 'trim-aws-sdk',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMAS }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const strings = new Map([...source.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map(([, name, literal]) => [name, literal]));
      return { contents: source.replace(/\[(_\w+)\]:/g, (key, name) => (strings.has(name) ? `${strings.get(name)}:` : key)), loader: 'js' };
    });
    build.onLoad({ filter: SDK_MANIFEST }, async (args) => {
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) => (EVENT_STREAM_LOADER.test(args.importer) ? { path: 'no-event-streams', namespace: 'trim-aws-sdk' } : undefined));
    build.onLoad({ filter: /^no-event-streams$/, namespace: 'trim-aws-sdk' }, () => ({ contents: NO_EVENT_STREAMS, loader: 'js' }));
  },
};

/**
 * What the credential providers' `await import("@aws-sdk/nested-clients/sts")` gets in a bundle
 * that has @aws-sdk/client-sts: the nested copy's client, commands and role assumers, from
 * client-sts. A module of these names, not client-sts itself: esbuild keeps all of a module a
 * dynamic import reaches (client-sts: every STS operation and error), but tree-shakes what this
 * one re-exports.
 */
const NESTED_STS_FROM_CLIENT_STS = `export { STSClient, AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, getDefaultRoleAssumer, getDefaultRoleAssumerWithWebIdentity } from "@aws-sdk/client-sts";\n`;

/**
 * One STS client in the bundle that sends GetCallerIdentity (dist/sdk.js), not two: the
 * credential providers' assume-role and web-identity role assumers import the copy of STS in
 * @aws-sdk/nested-clients (AssumeRole and AssumeRoleWithWebIdentity only), the account check
 * imports @aws-sdk/client-sts. client-sts is the same generated client with every STS
 * operation, and exports the same role assumers (getDefaultRoleAssumer,
 * getDefaultRoleAssumerWithWebIdentity), so the providers get them from there. Only for a bundle
 * that has client-sts anyway: elsewhere (the CLI) the nested copy is the smaller one.
 */
export const oneStsClient = {
  name: 'one-sts-client',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/nested-clients\/sts$/ }, () => ({ path: 'nested-sts-from-client-sts', namespace: 'one-sts-client' }));
    build.onLoad({ filter: /.*/, namespace: 'one-sts-client' }, () => ({ contents: NESTED_STS_FROM_CLIENT_STS, loader: 'js', resolveDir: process.cwd() }));
  },
};
