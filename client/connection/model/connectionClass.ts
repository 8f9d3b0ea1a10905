/**
 * What counts as a real account (vscode-free). Exactly one connection is exempt from
 * confirmations: the bundled emulator the extension started itself. Every other connection
 * (a profile with or without an endpoint, `mitigations.endpoint`, environment credentials) is
 * a real account until proven otherwise; a loopback endpoint that answers the emulator's health
 * route may be labelled "local emulator", but is confirmed all the same.
 */

export type ConnectionClass = 'bundled-emulator' | 'local-emulator' | 'aws';

interface ClassificationInput {
  /** The extension's own emulator process, reached without `mitigations.endpoint`. */
  readonly bundled: boolean;
  /** The IoT endpoint requests go to; undefined for the SDK's public regional endpoint. */
  readonly endpoint?: string;
  /** Whether that endpoint answered GET /_emulator/health as the IoT Mitigations emulator. */
  readonly answersEmulatorHealth: boolean;
}

/** The emulator's health route and the service name it answers with (emulator/http/admin.ts). */
export const EMULATOR_HEALTH_PATH = '/_emulator/health';
const EMULATOR_SERVICE_NAME = 'iot-mitigations-emulator';

export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

export function classifyConnection(input: ClassificationInput): ConnectionClass {
  if (input.bundled) return 'bundled-emulator';
  if (isLoopbackUrl(input.endpoint) && input.answersEmulatorHealth) return 'local-emulator';
  return 'aws';
}

/** Only the bundled emulator changes things without asking. */
export function needsConfirmation(kind: ConnectionClass): boolean {
  return kind !== 'bundled-emulator';
}

/** Whether a health answer is this project's emulator (a body like {"service": "iot-mitigations-emulator"}). */
export function isEmulatorHealth(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>).service === EMULATOR_SERVICE_NAME;
}

export interface AccountFacts {
  readonly kind: ConnectionClass;
  readonly region: string;
  /** From STS GetCallerIdentity; undefined when it could not be read. */
  readonly accountId?: string;
}

/** "account 210987654321 (eu-west-1)", or says plainly that the id is unknown. */
export function accountPhrase(facts: Pick<AccountFacts, 'accountId' | 'region'>): string {
  return facts.accountId ? `account ${facts.accountId} (${facts.region})` : `an account whose id could not be read (${facts.region})`;
}

/** Short words for the status bar, logs and messages: "emulator", "aws 210987654321 eu-west-1". */
export function connectionLabel(facts: AccountFacts): string {
  if (facts.kind === 'bundled-emulator') return 'emulator';
  const prefix = facts.kind === 'local-emulator' ? 'local emulator' : 'aws';
  return `${prefix} ${facts.accountId ?? 'account unknown'} ${facts.region}`;
}

/** The status bar's words for a live connection: account and region are always there for a real one. */
export function statusBarText(facts: AccountFacts): string {
  if (facts.kind === 'bundled-emulator') return '$(beaker) Emulator';
  const account = facts.accountId ?? 'account unknown';
  if (facts.kind === 'local-emulator') return `$(vm) Local emulator ${account} · ${facts.region}`;
  return `${facts.accountId ? '$(cloud)' : '$(warning)'} AWS ${account} · ${facts.region}`;
}
