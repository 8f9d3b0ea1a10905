/** Typed access to the `mitigations.*` settings. */
import * as vscode from 'vscode';
import { MAX_EMULATOR_PACE_MS } from '../../common/limits';

type ConnectionKind = 'emulator' | 'aws';

export interface ConnectionSettings {
  readonly kind: ConnectionKind;
  /** Empty means the SDK's default profile resolution (AWS_PROFILE, then "default"). */
  readonly profile: string;
  /** Empty means the profile's own region (then us-east-1). */
  readonly region: string;
  /** A custom endpoint (LocalStack, another emulator); overrides both kinds when set. */
  readonly endpoint: string;
}

const SECTION = 'mitigations';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export function readConnectionSettings(): ConnectionSettings {
  const settings = config();
  return {
    kind: settings.get<ConnectionKind>('connection', 'emulator') === 'aws' ? 'aws' : 'emulator',
    profile: settings.get<string>('aws.profile', '').trim(),
    region: settings.get<string>('aws.region', '').trim(),
    endpoint: settings.get<string>('endpoint', '').trim(),
  };
}

export async function writeConnectionSettings(kind: ConnectionKind, profile: string | undefined, region: string | undefined): Promise<void> {
  const settings = config();
  await settings.update('connection', kind, vscode.ConfigurationTarget.Global);
  if (profile !== undefined) await settings.update('aws.profile', profile, vscode.ConfigurationTarget.Global);
  if (region !== undefined) await settings.update('aws.region', region, vscode.ConfigurationTarget.Global);
}

/** Items per API page in the trees (the API allows 1 to 250). */
export function pageSize(): number {
  return Math.min(250, Math.max(1, config().get<number>('pageSize', 50)));
}

/** Seconds between refreshes while a task runs. */
export function taskRefreshSeconds(): number {
  return Math.min(300, Math.max(1, config().get<number>('tasks.refreshInterval', 5)));
}

export function emulatorSeed(): 'demo' | 'empty' {
  return config().get<string>('emulator.seed', 'demo') === 'empty' ? 'empty' : 'demo';
}

/** Milliseconds the emulator spends per execution, so progress can be watched. */
export function emulatorPace(): number {
  return Math.min(MAX_EMULATOR_PACE_MS, Math.max(0, config().get<number>('emulator.pace', 200)));
}
