/**
 * The third bundle (dist/languageClient.js): the LSP client library, about two thirds of what the
 * extension would otherwise load at activation. Loaded through lazyBundles.ts when the first
 * mitigation file opens.
 */
export { LanguageClient, TransportKind } from 'vscode-languageclient/node';
