/**
 * The AWS SDK bundle on first use. In dist/extension.js, scripts/build.mjs turns the require of
 * './sdkBundle' into a require of the sibling dist/sdk.js; from source (tests) it is the module.
 */
import { lazyBundle } from '../shared/model/lazyBundle';
import type * as SdkBundle from './sdkBundle';

export type Sdk = typeof SdkBundle;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require at first use is the point: activation does not load the SDK
export const loadSdk = lazyBundle<Sdk>('AWS SDK bundle (dist/sdk.js)', () => require('./sdkBundle') as Sdk);
