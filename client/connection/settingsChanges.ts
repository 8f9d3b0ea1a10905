/** Makes every `mitigations.*` setting take effect when it changes (the table: model/settingEffects.ts). */
import * as vscode from 'vscode';
import { effectsOfChange } from './model/settingEffects';
import { emulatorPace, emulatorSeed } from './settings';
import { refresh } from './connectionCommands';
import type { Services } from '../services';
import { showError } from '../shared/feedback';

async function offerEmulatorReset(): Promise<void> {
  const reset = vscode.l10n.t('Reset Emulator…');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('The emulator keeps its current data. Reset it to load the "{0}" seed?', emulatorSeed()),
    reset,
  );
  if (choice === reset) await vscode.commands.executeCommand('mitigations.resetEmulator');
}

async function applyEmulatorPace(services: Services): Promise<void> {
  try {
    await services.connections.emulator.applyPace(emulatorPace());
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not change the emulator\'s pace'), error);
  }
}

/** Handles one configuration change; resolves when its effects are applied (tests wait for it). */
export async function applySettingsChange(services: Services, event: vscode.ConfigurationChangeEvent): Promise<void> {
  for (const effect of effectsOfChange((setting) => event.affectsConfiguration(setting))) {
    switch (effect) {
      case 'reconnect':
        services.connections.reconnect();
        break;
      case 'reload-views':
        refresh(services);
        break;
      case 'code-lens':
        services.languageClient.refreshCodeLenses();
        break;
      case 'emulator-pace':
        await applyEmulatorPace(services);
        break;
      case 'emulator-reset-offered':
        await offerEmulatorReset();
        break;
      case 'next-poll':
      case 'language-server-trace':
        // Read where they are used (the task follower, the language client): nothing to do here.
        break;
    }
  }
}
