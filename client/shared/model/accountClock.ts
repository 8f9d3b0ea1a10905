/**
 * The account's "now". The bundled emulator's clock may have been moved (POST /_emulator/settings
 * {"advanceClockMs"}: to live a day of scheduled audits), and its lists refuse a window outside its
 * 90 days: so every window, expiry and start time the extension sends counts from the time it
 * reports. A real account's (and any other endpoint's) count from this machine's clock.
 */
import { retentionWindow, type TimeWindow } from './iotApi';

/** What the clock needs of a connection (Connection has it). */
export interface ClockedConnection {
  /** Everything but the bundled emulator: its clock is this machine's. */
  readonly isRealAccount: boolean;
  readonly endpoint?: string;
}

/** A clock that does not answer in this time is not waited for: the machine's is used. */
const CLOCK_TIMEOUT_MS = 5_000;

export async function accountNow(connection: ClockedConnection): Promise<number> {
  if (connection.isRealAccount || !connection.endpoint) return Date.now();
  try {
    const response = await fetch(new URL('/_emulator/settings', connection.endpoint), { signal: AbortSignal.timeout(CLOCK_TIMEOUT_MS) });
    const now = Date.parse(((await response.json()) as { now?: string }).now ?? '');
    return Number.isNaN(now) ? Date.now() : now;
  } catch {
    return Date.now();
  }
}

/** The 90 days before the account's now, as the list operations accept them. */
export async function accountWindow(connection: ClockedConnection): Promise<TimeWindow> {
  return retentionWindow(await accountNow(connection));
}

/**
 * The window of a paginated list: read from the account's clock at its first page, kept for the
 * pages after it (a nextToken is only valid with the same filters). One clock read per refresh.
 */
export class ListWindow {
  private window: TimeWindow | undefined;

  /** `now`: where the first page's time comes from (a view that reads it once per refresh passes its own). */
  constructor(private readonly now: (connection: ClockedConnection) => Promise<number> = accountNow) {}

  /** The window of the page after `nextToken`; undefined: the first page, so a fresh window. */
  async forPage(connection: ClockedConnection, nextToken: string | undefined): Promise<TimeWindow> {
    if (!nextToken || !this.window) this.window = retentionWindow(await this.now(connection));
    return this.window;
  }
}
