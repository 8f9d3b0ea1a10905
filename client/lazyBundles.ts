/**
 * The bundles the extension loads on first use, not at activation: the AWS SDK (a connection,
 * the rehearsal) and the language client (the first mitigation file). In dist/extensionMain.js,
 * scripts/build.mjs turns each require below into a require of the sibling bundle, which
 * client/shared/model/codeCache.ts loads with its code cache; from source (tests) it is the
 * module itself.
 */
import { lazyBundle } from './shared/model/lazyBundle';
import type * as SdkBundle from './connection/sdkBundle';
import type * as LanguageClientBundle from './authoring/languageClientBundle';

export type Sdk = typeof SdkBundle;

/* eslint-disable @typescript-eslint/no-require-imports -- a require at first use is the point: activation does not load these */
export const loadSdk = lazyBundle<Sdk>('AWS SDK bundle (dist/sdk.js)', () => require('./connection/sdkBundle') as Sdk);

export const loadLanguageClient = lazyBundle<typeof LanguageClientBundle>('language client bundle (dist/languageClient.js)', () => require('./authoring/languageClientBundle') as typeof LanguageClientBundle);
/* eslint-enable @typescript-eslint/no-require-imports */
