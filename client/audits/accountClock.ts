/**
 * The account's "now". The bundled emulator's clock may have been moved (POST /_emulator/settings
 * {"advanceClockMs"}: to live a day of scheduled audits), and its lists refuse a window outside its
 * 90 days: so the Audits view's windows and next runs count from the time it reports. A real
 * account's (and any other endpoint's) count from this machine's clock.
 */
import type { Connection } from '../connection/connectionManager';

export async function accountNow(connection: Connection): Promise<number> {
  if (connection.isRealAccount || !connection.endpoint) return Date.now();
  try {
    const response = await fetch(new URL('/_emulator/settings', connection.endpoint));
    const now = Date.parse(((await response.json()) as { now?: string }).now ?? '');
    return Number.isNaN(now) ? Date.now() : now;
  } catch {
    return Date.now();
  }
}
