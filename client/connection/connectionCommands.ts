/** Select Connection, Show Logs, emulator start/stop/reset and Refresh. */
import * as vscode from 'vscode';
import { IOT_REGIONS, listProfiles } from './model/profiles';
import { writeConnectionSettings } from './settings';
import type { Services } from '../services';
import { requireTrust, showError } from '../shared/feedback';

interface ConnectionPick extends vscode.QuickPickItem {
  readonly kind_: 'emulator' | 'aws';
  readonly profile?: string;
  readonly region?: string;
}

export async function selectConnection(services: Services): Promise<void> {
  let profiles: Awaited<ReturnType<typeof listProfiles>> = [];
  try {
    profiles = await listProfiles();
  } catch (error) {
    services.log.warn(`Could not read the AWS config files: ${error instanceof Error ? error.message : String(error)}`);
  }
  const current = services.connections.settings;
  const items: ConnectionPick[] = [
    { kind_: 'emulator', label: '$(beaker) ' + vscode.l10n.t('Bundled emulator'), description: vscode.l10n.t('local, no AWS account needed'), picked: current.kind === 'emulator' },
    { kind_: 'aws', label: '', kind: vscode.QuickPickItemKind.Separator } as ConnectionPick,
    ...profiles.map((profile): ConnectionPick => ({
      kind_: 'aws',
      profile: profile.name,
      region: profile.region,
      label: `$(cloud) ${profile.name}`,
      description: [profile.source, profile.region].filter(Boolean).join(' · '),
      detail: current.kind === 'aws' && current.profile === profile.name ? vscode.l10n.t('current') : undefined,
    })),
  ];
  if (profiles.length === 0) {
    items.push({ kind_: 'aws', label: '$(cloud) ' + vscode.l10n.t('AWS (default credential chain)'), description: vscode.l10n.t('environment variables, SSO or instance role'), profile: '' });
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Select Connection (1/2)'), placeHolder: vscode.l10n.t('Where mitigation actions and tasks live') });
  if (!picked) return;
  if (picked.kind_ === 'emulator') {
    await writeConnectionSettings('emulator', undefined, undefined);
    return;
  }
  const regions = [...new Set([picked.region ?? current.region, ...IOT_REGIONS])];
  const region = await vscode.window.showQuickPick(regions.map((name) => ({ label: name, description: name === picked.region ? vscode.l10n.t('from the profile') : undefined })), {
    title: vscode.l10n.t('Select Connection (2/2): region'),
    placeHolder: vscode.l10n.t('AWS region of the account'),
  });
  if (!region) return;
  await writeConnectionSettings('aws', picked.profile ?? '', region.label);
}

export async function startEmulator(services: Services): Promise<void> {
  // No trust check: the emulator is the extension's own local process and touches no account.
  try {
    const url = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Starting the bundled emulator') }, () => services.connections.emulator.start());
    vscode.window.setStatusBarMessage(vscode.l10n.t('Emulator running on {0}', url), 5000);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not start the emulator'), error);
  }
}

export async function stopEmulator(services: Services): Promise<void> {
  await services.connections.emulator.stop();
  vscode.window.setStatusBarMessage(vscode.l10n.t('Emulator stopped'), 5000);
}

export async function resetEmulator(services: Services): Promise<void> {
  if (!requireTrust()) return;
  const reset = vscode.l10n.t('Reset');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Reset the bundled emulator?'),
    { modal: true, detail: vscode.l10n.t('Its actions, tasks, audits and fleet go back to the seed data. AWS accounts are not affected.') },
    reset,
  );
  if (choice !== reset) return;
  try {
    await services.connections.emulator.reset();
    vscode.window.setStatusBarMessage(vscode.l10n.t('Emulator reset'), 5000);
  } catch (error) {
    await showError(services.connections, services.log, vscode.l10n.t('Could not reset the emulator'), error);
  }
}

export function refresh(services: Services): void {
  services.accountAnswers.invalidate();
  services.trees.actions.refresh();
  services.trees.tasks.refresh();
  services.trees.audits.refresh();
  services.languageClient.accountChanged();
}
