/**
 * Cross-site request refusal: any web page the user opens can send a "simple" request (a POST
 * with Content-Type text/plain, no preflight) to a loopback port. Browsers mark such requests
 * with `Origin` and `Sec-Fetch-Site`; SDKs, CLIs and the extension send neither. A request
 * from another origin than the emulator's own is refused before it is read.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Why a request is refused as cross-site, or undefined when it is not. */
export function crossSiteRefusal(headers: IncomingHttpHeaders): string | undefined {
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return `a web page on another site sent it (Sec-Fetch-Site: ${fetchSite})`;
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return `its Origin '${origin.slice(0, 100)}' is not an origin of this emulator`;
  }
  // Same origin: a page the emulator itself served. Anything else (including "null") is foreign.
  return origin !== 'null' && host !== '' && host === (headers.host ?? '').toLowerCase() ? undefined : `it comes from the web origin '${origin.slice(0, 100)}'`;
}

/** Admin requests carry JSON or nothing: a form or text/plain body is what a foreign page can send. */
export function adminContentTypeRefusal(headers: IncomingHttpHeaders): string | undefined {
  const type = headers['content-type'];
  if (type === undefined) return undefined;
  return /^application\/json\s*(;|$)/i.test(type) ? undefined : `admin requests take application/json, not '${type.slice(0, 100)}'`;
}
