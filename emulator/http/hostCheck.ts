/**
 * DNS-rebinding protection: a web page can make a browser send requests to a name that
 * resolves to 127.0.0.1, but it cannot choose the Host header. Only loopback names and
 * addresses (and hosts the user allowed) reach the emulator.
 */
import { isIP } from 'node:net';

function hostnameOf(hostHeader: string): string {
  const trimmed = hostHeader.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']') > 0 ? trimmed.indexOf(']') : undefined);
  const colon = trimmed.lastIndexOf(':');
  const name = colon > 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed;
  // "localhost." is the same name as "localhost" (a fully qualified name with the root label).
  return name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name;
}

function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (isIP(hostname) === 4) return hostname.startsWith('127.');
  if (isIP(hostname) === 6) {
    if (hostname === '::1' || hostname === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^(?:0:0:0:0:0:|::)ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(hostname);
    return mapped !== null && mapped[1].startsWith('127.');
  }
  return false;
}

/** Wildcard bind addresses say nothing about the name clients use. */
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0']);

/**
 * Host names accepted besides loopback ones: the ones the user allowed, plus the address or
 * name the emulator was explicitly bound to (`--host 192.168.1.5` means clients will use it).
 */
export function acceptedHosts(bindHost: string, allowedHosts: readonly string[]): string[] {
  const bound = hostnameOf(bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost);
  return WILDCARD_BINDS.has(bound) || isLoopbackName(bound) ? [...allowedHosts] : [...allowedHosts, bound];
}

export function isAllowedHost(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (hostHeader === undefined) return true; // HTTP/1.0 without Host cannot be a rebinding attack
  const hostname = hostnameOf(hostHeader);
  return isLoopbackName(hostname) || allowedHosts.some((allowed) => allowed === '*' || hostnameOf(allowed) === hostname);
}
