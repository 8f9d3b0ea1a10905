/**
 * The current connection (bundled emulator, AWS profile or custom endpoint): builds the SDK
 * clients, resolves the account, and tells everyone when the connection or its data changes.
 * Credentials come only from the AWS SDK's provider chain; the extension never stores them.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import * as vscode from 'vscode';
import type { CliConnection } from '../actions/model/cliCommand';
import { classifyConnection, connectionLabel, needsConfirmation, type ConnectionClass } from './model/connectionClass';
import { explainError, type ErrorContext, type ExplainedError } from '../shared/model/errors';
import type { IotApi } from '../shared/model/iotApi';
import { BundledEmulator, EmulatorStoppedError } from './emulatorProcess';
import type { AccountIdentity } from './model/sdkResolution';
import { loadSdk, type Sdk } from '../lazyBundles';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION, emulatorCliConnection } from './model/emulatorCli';
import { readConnectionSettings, type ConnectionSettings } from './settings';

export interface Connection {
  readonly settings: ConnectionSettings;
  readonly api: IotApi;
  readonly region: string;
  /** From STS GetCallerIdentity through the same endpoint resolution; undefined when unreadable. */
  readonly accountId?: string;
  /** Why the account id could not be read, for the status bar and confirmations. */
  readonly accountUnknownReason?: string;
  /** The IoT endpoint requests go to; undefined: the SDK's public regional endpoint. */
  readonly endpoint?: string;
  /** Short words for the status bar and messages, e.g. "emulator" or "aws 123456789012 eu-west-1". */
  readonly kind: ConnectionClass;
  readonly label: string;
  /** Everything but the bundled emulator: every change asks first, naming account and region. */
  readonly isRealAccount: boolean;
  readonly cli: CliConnection;
}

/** Where a connection goes when neither the setting nor the profile names a region. */
const DEFAULT_REGION = 'us-east-1';

type ConnectionState = 'connecting' | 'connected' | 'emulatorStopped' | 'error';

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
  private readonly reconnected = new vscode.EventEmitter<void>();
  /** Fires when the connection is dropped (settings changed, emulator started or stopped). */
  readonly onDidReconnect = this.reconnected.event;
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
    this.reconnected.fire();
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
      region: settings.region || DEFAULT_REGION,
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
    // The SDK bundle loads on the first connection, not at activation.
    const sdk = loadSdk();
    const { IoTClient, STSClient, IotApi, resolveConfiguredEndpoints, answersEmulatorHealth, profileRegion } = sdk;
    if (settings.kind === 'emulator' && !settings.endpoint) {
      const url = await this.emulator.ensureStarted();
      const client = new IoTClient({ region: EMULATOR_REGION, endpoint: url, credentials: EMULATOR_CREDENTIALS, maxAttempts: 2 });
      return {
        settings, api: new IotApi(client), region: EMULATOR_REGION, endpoint: url, kind: 'bundled-emulator',
        label: 'emulator', isRealAccount: false,
        cli: emulatorCliConnection(url),
      };
    }
    // Everything else is a real account until proven otherwise; credentials come from the chain.
    const profile = settings.profile || undefined;
    const explicit = settings.endpoint || undefined;
    const region = settings.region || (await profileRegion(profile, DEFAULT_REGION));
    const iot = new IoTClient({ region, profile, endpoint: explicit, maxAttempts: 3 });
    const sts = new STSClient({ region, profile, maxAttempts: 1 });
    try {
      const [configuredIot, configuredSts] = await resolveConfiguredEndpoints(profile, [iot, sts]);
      const endpoint = explicit ?? configuredIot;
      const [identity, isEmulator] = await Promise.all([this.accountOf(sdk, sts, explicit, region, profile), answersEmulatorHealth(endpoint)]);
      // STS unreachable at the IoT endpoint itself: the connection is down, not merely anonymous.
      if (identity.unreachable && (explicit || configuredSts === configuredIot)) throw identity.unreachable;
      const kind = classifyConnection({ bundled: false, endpoint, answersEmulatorHealth: isEmulator });
      const label = connectionLabel({ kind, region, accountId: identity.accountId });
      this.log.info(`Connected to ${label} through ${endpoint ?? 'the public regional endpoint'}${profile ? ` with profile ${profile}` : ''}${identity.accountId ? '' : `; the account id could not be read (${identity.reason})`}`);
      return {
        settings, api: new IotApi(iot), region, endpoint, kind, label, isRealAccount: needsConfirmation(kind),
        accountId: identity.accountId, accountUnknownReason: identity.accountId ? undefined : identity.reason,
        cli: { endpointUrl: explicit, region, profile },
      };
    } catch (error) {
      iot.destroy();
      throw error;
    } finally {
      sts.destroy();
    }
  }

  /**
   * The account of the credentials: STS at `mitigations.endpoint` when set (an emulator answers
   * there), else, or when that fails, STS as the SDK resolves it for the profile.
   */
  private async accountOf({ STSClient, readAccountId }: Sdk, sts: STSClient, explicit: string | undefined, region: string, profile: string | undefined): Promise<AccountIdentity> {
    if (explicit) {
      const atEndpoint = new STSClient({ region, profile, endpoint: explicit, maxAttempts: 1 });
      try {
        const identity = await readAccountId(atEndpoint);
        if (identity.accountId || identity.unreachable) return identity;
      } finally {
        atEndpoint.destroy();
      }
    }
    return readAccountId(sts);
  }

  dispose(): void {
    this.pending?.then((connection) => connection.api.client.destroy(), () => undefined);
    this.changed.dispose();
    this.stateChanged.dispose();
    this.reconnected.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
