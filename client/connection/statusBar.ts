/** The status-bar item that shows the connection; clicking it switches. */
import * as vscode from 'vscode';
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
    const name = settings.endpoint ? settings.endpoint : settings.kind === 'emulator' ? vscode.l10n.t('Emulator') : `AWS ${ready?.accountId ?? settings.profile ?? ''}`.trim();
    const icon = state === 'error' ? '$(warning)' : state === 'emulatorStopped' ? '$(debug-stop)' : state === 'connecting' ? '$(sync~spin)' : settings.kind === 'emulator' ? '$(beaker)' : '$(cloud)';
    this.item.text = `${icon} ${name}${settings.kind === 'aws' ? ` ${settings.region}` : ''}`;
    const details = state === 'emulatorStopped' ? vscode.l10n.t('The bundled emulator is stopped.') : state === 'error' ? vscode.l10n.t('Not connected: see the sidebar or the logs.') : ready ? ready.label : '';
    this.item.tooltip = `${vscode.l10n.t('IoT Mitigations connection')}: ${name}\n${details}\n${vscode.l10n.t('Click to select a connection.')}`;
    this.item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
