/**
 * What changing each `mitigations.*` setting does, while the extension runs (vscode-free). The
 * wiring (client/connection/settingsChanges.ts) acts on these effects; docs/extension.md's
 * settings table says the same words, and test/client/settingEffects.test.ts keeps the manifest,
 * this table and the page equal.
 */

type SettingEffect =
  /** The connection is dropped and made again: views, status bar and language server follow. */
  | 'reconnect'
  /** The Tasks and Audits views are loaded again with the new page size. */
  | 'reload-views'
  /** Read again before each poll of a running task. */
  | 'next-poll'
  /** Every open file's CodeLens is asked for again. */
  | 'code-lens'
  /** Sent to the running bundled emulator's admin settings route. */
  | 'emulator-pace'
  /** Kept data stays: a notification offers Reset Emulator…, which loads the new seed. */
  | 'emulator-reset-offered'
  /** The language client sends the server the new trace level itself. */
  | 'language-server-trace';

interface SettingBehaviour {
  readonly effect: SettingEffect;
  /** What happens on change, in the words of the settings table. */
  readonly onChange: string;
}

export const SETTING_EFFECTS: Readonly<Record<string, SettingBehaviour>> = {
  'mitigations.connection': { effect: 'reconnect', onChange: 'Reconnects at once; the views, the status bar and the language server follow' },
  'mitigations.aws.profile': { effect: 'reconnect', onChange: 'Reconnects at once with the profile\'s credentials, region and endpoint' },
  'mitigations.aws.region': { effect: 'reconnect', onChange: 'Reconnects at once to the region' },
  'mitigations.endpoint': { effect: 'reconnect', onChange: 'Reconnects at once to the endpoint (or back to the SDK\'s resolution when emptied)' },
  'mitigations.pageSize': { effect: 'reload-views', onChange: 'The Tasks and Audits views load again with the new page size' },
  'mitigations.tasks.refreshInterval': { effect: 'next-poll', onChange: 'Read again before each poll of a running task: the next poll waits the new interval' },
  'mitigations.codeLens.enabled': { effect: 'code-lens', onChange: 'The CodeLens of every open file appears or disappears at once' },
  'mitigations.emulator.seed': { effect: 'emulator-reset-offered', onChange: 'The emulator keeps its data; a notification offers **Reset Emulator…**, which loads the new seed (a stopped emulator starts with it only when it has no saved state)' },
  'mitigations.emulator.pace': { effect: 'emulator-pace', onChange: 'Applied to the running emulator at once through `POST /_emulator/settings`, without a restart; running tasks take the new pace from their next execution' },
  'mitigations.trace.server': { effect: 'language-server-trace', onChange: 'The language client sends the new level to the running server (`$/setTrace`); no restart' },
};

/** The effects of one configuration change, once each, in the table's order. */
export function effectsOfChange(affects: (setting: string) => boolean): SettingEffect[] {
  const effects = Object.entries(SETTING_EFFECTS).filter(([setting]) => affects(setting)).map(([, behaviour]) => behaviour.effect);
  return [...new Set(effects)];
}
