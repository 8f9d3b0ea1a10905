/** The extension, as dist/extensionMain.js: client/extension.ts loads it at activation; MitigationsExtension owns everything. */
import type * as vscode from 'vscode';
import { MitigationsExtension, type MitigationsApi } from './mitigationsExtension';

let extension: MitigationsExtension | undefined;

export function activate(context: vscode.ExtensionContext): MitigationsApi {
  extension = new MitigationsExtension(context);
  context.subscriptions.push(extension);
  return extension.activate();
}

export async function deactivate(): Promise<void> {
  // The language server and the emulator are child processes: stop them before the host exits.
  const running = extension;
  extension = undefined;
  if (running) {
    await running.services.languageClient.stop();
    running.dispose();
  }
}
