/**
 * DNS-rebinding protection: a web page can make a browser send requests to a name that
 * resolves to 127.0.0.1, but it cannot choose the Host header. Only loopback names and
 * addresses (and hosts the user allowed) reach the emulator.
 */
import { isIP } from 'node:net';

export function hostnameOf(hostHeader: string): string {
  const trimmed = hostHeader.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']') > 0 ? trimmed.indexOf(']') : undefined);
  const colon = trimmed.lastIndexOf(':');
  return colon > 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed;
}

export function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (isIP(hostname) === 4) return hostname.startsWith('127.');
  if (isIP(hostname) === 6) return hostname === '::1' || hostname === '0:0:0:0:0:0:0:1';
  return false;
}

export function isAllowedHost(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (hostHeader === undefined) return true; // HTTP/1.0 without Host cannot be a rebinding attack
  const hostname = hostnameOf(hostHeader);
  return isLoopbackName(hostname) || allowedHosts.some((allowed) => allowed === '*' || allowed.toLowerCase() === hostname);
}
