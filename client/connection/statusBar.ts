/** The status-bar item that shows the connection; clicking it switches. */
import * as vscode from 'vscode';
import { statusBarText } from './model/connectionClass';
import type { ConnectionManager } from './connectionManager';

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mitigations.connection', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly connections: ConnectionManager) {
    this.item.name = vscode.l10n.t('IoT Mitigations Connection');
    this.item.command = 'mitigations.selectConnection';
    this.subscriptions = [connections.onDidChange(() => void this.update()), connections.onDidChangeState(() => void this.update())];
    void this.update();
    this.item.show();
  }

  private async update(): Promise<void> {
    const settings = this.connections.settings;
    const state = this.connections.state;
    const ready = await this.connections.connectionIfReady();
    const target = settings.endpoint || (settings.kind === 'emulator' ? vscode.l10n.t('Emulator') : `AWS ${settings.profile}`.trim());
    if (ready) {
      this.item.text = statusBarText(ready);
      const lines = [
        `${vscode.l10n.t('IoT Mitigations connection')}: ${ready.label}`,
        ready.endpoint ? vscode.l10n.t('Endpoint: {0}', ready.endpoint) : undefined,
        ready.settings.profile ? vscode.l10n.t('Profile: {0}', ready.settings.profile) : undefined,
        ready.accountUnknownReason ? vscode.l10n.t('The account id could not be read: {0}', ready.accountUnknownReason) : undefined,
        ready.isRealAccount ? vscode.l10n.t('Treated as a real account: every change asks first.') : undefined,
        vscode.l10n.t('Click to select a connection.'),
      ];
      this.item.tooltip = lines.filter(Boolean).join('\n');
    } else {
      const icon = state === 'error' ? '$(warning)' : state === 'emulatorStopped' ? '$(debug-stop)' : '$(sync~spin)';
      this.item.text = `${icon} ${target}`;
      const details = state === 'emulatorStopped' ? vscode.l10n.t('The bundled emulator is stopped.') : state === 'error' ? vscode.l10n.t('Not connected: see the sidebar or the logs.') : vscode.l10n.t('Connecting…');
      this.item.tooltip = `${vscode.l10n.t('IoT Mitigations connection')}: ${target}\n${details}\n${vscode.l10n.t('Click to select a connection.')}`;
    }
    this.item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  /** The words shown now, for tests and the walkthrough. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
