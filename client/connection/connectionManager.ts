/**
 * The current connection (bundled emulator, AWS profile or custom endpoint): builds the SDK
 * clients, resolves the account, and tells everyone when the connection or its data changes.
 * Credentials come only from the AWS SDK's provider chain; the extension never stores them.
 */
import { IoTClient } from '@aws-sdk/client-iot';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import * as vscode from 'vscode';
import type { CliConnection } from '../logic/cliCommand';
import { explainError, type ErrorContext, type ExplainedError } from '../logic/errors';
import { IotApi } from '../iot/iotApi';
import { BundledEmulator, EmulatorStoppedError } from './emulatorProcess';
import { readConnectionSettings, type ConnectionSettings } from './settings';

export interface Connection {
  readonly settings: ConnectionSettings;
  readonly api: IotApi;
  readonly region: string;
  /** From STS for AWS; undefined for the emulator and custom endpoints when unknown. */
  readonly accountId?: string;
  readonly endpoint?: string;
  /** Short words for the status bar and messages, e.g. "emulator" or "aws 123456789012 eu-west-1". */
  readonly label: string;
  /** True when writes reach a real AWS account (then destructive commands need a modal). */
  readonly isAws: boolean;
  readonly cli: CliConnection;
}

/** Dummy keys for the emulator, which accepts any signature. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'EMULATOREXAMPLEKEY', secretAccessKey: 'emulator-example-secret' };

/** The emulator's default region: its seed and admin API live there, whatever the AWS setting says. */
const EMULATOR_REGION = 'us-east-1';

export type ConnectionState = 'connecting' | 'connected' | 'emulatorStopped' | 'error';

export class ConnectionManager implements vscode.Disposable {
  private pending: Promise<Connection> | undefined;
  private generation = 0;
  private lastState: ConnectionState = 'connecting';
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the connection changes or data in the account changed (deploy, task, reset). */
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<ConnectionState>();
  /**
   * Fires on connecting / connected / error transitions. Kept apart from onDidChange: views
   * that refreshed on it would reconnect, fail again and refresh again, in a loop.
   */
  readonly onDidChangeState = this.stateChanged.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly emulator: BundledEmulator, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(emulator.onDidChange(() => this.emulatorChanged()));
  }

  get state(): ConnectionState {
    return this.lastState;
  }

  get settings(): ConnectionSettings {
    return readConnectionSettings();
  }

  /** The current connection, connecting (and starting the emulator) when needed. */
  connection(): Promise<Connection> {
    if (!this.pending) {
      const generation = this.generation;
      this.setState('connecting');
      this.pending = this.connect(readConnectionSettings()).then(
        (connection) => {
          if (generation === this.generation) this.setState('connected');
          return connection;
        },
        (error: unknown) => {
          if (generation === this.generation) {
            this.setState(error instanceof EmulatorStoppedError ? 'emulatorStopped' : 'error');
            // A failed connection is retried on the next use, not cached.
            this.pending = undefined;
          }
          throw error;
        },
      );
    }
    return this.pending;
  }

  /** The connection if it is already up, without connecting. */
  async connectionIfReady(): Promise<Connection | undefined> {
    if (this.lastState !== 'connected' || !this.pending) return undefined;
    return this.pending.catch(() => undefined);
  }

  /** Drops the connection (settings changed, emulator started/stopped) and tells listeners. */
  reconnect(): void {
    this.generation++;
    this.pending?.then((connection) => connection.api.client.destroy(), () => undefined);
    this.pending = undefined;
    const settings = readConnectionSettings();
    this.setState(settings.kind === 'emulator' && !settings.endpoint && this.emulator.stoppedOnPurpose ? 'emulatorStopped' : 'connecting');
    this.changed.fire();
  }

  private emulatorChanged(): void {
    const settings = readConnectionSettings();
    if (settings.kind !== 'emulator' || settings.endpoint) return;
    // Our own on-demand start: the pending connection is waiting for exactly this.
    if (this.emulator.running && this.lastState === 'connecting') return;
    // A reset keeps the process: only the data changed.
    if (this.emulator.running && this.lastState === 'connected') return this.dataChanged();
    this.reconnect();
  }

  /** Data in the account changed (deploy, start, cancel, reset): refresh views and the server. */
  dataChanged(): void {
    this.changed.fire();
  }

  explain(error: unknown): ExplainedError {
    const settings = readConnectionSettings();
    const context: ErrorContext = {
      connection: settings.kind === 'emulator' && !settings.endpoint ? 'emulator' : 'aws',
      profile: settings.profile || undefined,
      region: settings.region,
      emulatorStopped: error instanceof EmulatorStoppedError,
    };
    return explainError(error, context);
  }

  private setState(state: ConnectionState): void {
    if (state === this.lastState) return;
    this.lastState = state;
    void vscode.commands.executeCommand('setContext', 'mitigations.connectionState', state);
    this.stateChanged.fire(state);
  }

  private async connect(settings: ConnectionSettings): Promise<Connection> {
    if (settings.endpoint) {
      // A custom endpoint (LocalStack, a remote emulator): credentials still come from the chain.
      const client = new IoTClient({ region: settings.region, endpoint: settings.endpoint, profile: settings.profile || undefined, maxAttempts: 3 });
      this.log.info(`Connected to custom endpoint ${settings.endpoint} (${settings.region})`);
      return {
        settings, api: new IotApi(client), region: settings.region, endpoint: settings.endpoint,
        label: `endpoint ${settings.endpoint}`, isAws: false,
        cli: { endpointUrl: settings.endpoint, region: settings.region, profile: settings.profile || undefined },
      };
    }
    if (settings.kind === 'emulator') {
      const url = await this.emulator.ensureStarted();
      const client = new IoTClient({ region: EMULATOR_REGION, endpoint: url, credentials: EMULATOR_CREDENTIALS, maxAttempts: 2 });
      return {
        settings, api: new IotApi(client), region: EMULATOR_REGION, endpoint: url,
        label: 'emulator', isAws: false, cli: { endpointUrl: url, region: EMULATOR_REGION },
      };
    }
    const profile = settings.profile || undefined;
    const sts = new STSClient({ region: settings.region, profile, maxAttempts: 1 });
    try {
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      const accountId = identity.Account ?? 'unknown';
      this.log.info(`Connected to AWS account ${accountId} in ${settings.region}${profile ? ` with profile ${profile}` : ''}`);
      const client = new IoTClient({ region: settings.region, profile });
      return {
        settings, api: new IotApi(client), region: settings.region, accountId,
        label: `aws ${accountId} ${settings.region}`, isAws: true, cli: { region: settings.region, profile },
      };
    } finally {
      sts.destroy();
    }
  }

  dispose(): void {
    this.pending?.then((connection) => connection.api.client.destroy(), () => undefined);
    this.changed.dispose();
    this.stateChanged.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
