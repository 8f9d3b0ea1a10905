// Types of trimLanguageClient.mjs, for test/tooling/bundles.test.ts.
/** Each vscode-languageclient feature module the build leaves out → the server capability that would need it. */
export declare const UNUSED_LANGUAGE_FEATURES: Readonly<Record<string, string>>;
export declare const trimLanguageClient: import('esbuild').Plugin;
