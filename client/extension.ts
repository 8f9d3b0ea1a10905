/**
 * Entry point (dist/extension.js): loads the extension's bundles with a V8 code cache in its
 * global storage (client/shared/model/codeCache.ts), then hands over to dist/extensionMain.js.
 * Kept to this file, so that what VS Code compiles without a cache is small.
 */
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { BundleLoader } from './shared/model/codeCache';
import type * as Main from './extensionMain';

let loader: BundleLoader | undefined;
let main: typeof Main | undefined;

export function activate(context: vscode.ExtensionContext): ReturnType<typeof Main.activate> {
  loader = new BundleLoader(require, join(context.globalStorageUri.fsPath, 'code-cache'));
  main = loader.require(join(__dirname, 'extensionMain.js')) as typeof Main;
  return main.activate(context);
}

export async function deactivate(): Promise<void> {
  // A window closed before the loader's timer still leaves its cache for the next one.
  loader?.flush();
  loader?.dispose();
  await main?.deactivate();
}
