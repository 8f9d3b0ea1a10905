// Types of trimLspLibraries.mjs, for test/tooling/bundles.test.ts.
/** Each vscode-languageclient feature module the build leaves out → the server capability that would need it. */
export declare const UNUSED_LANGUAGE_FEATURES: Readonly<Record<string, string>>;
/** Each vscode-languageserver feature module the build leaves out → the connection members its mixin would add. */
export declare const UNUSED_SERVER_FEATURES: Readonly<Record<string, readonly string[]>>;
export declare const trimLspLibraries: import('esbuild').Plugin;
