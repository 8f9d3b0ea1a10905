// What dist/languageClient.js has of semver (scripts/trimLspLibraries.mjs): vscode-languageclient
// parses VS Code's version and checks it against one caret range ('^1.82.0'); these two functions
// do that as semver's parse and satisfies do (test/tooling/caretSemver.test.ts compares them).
/* global module -- CommonJS: the bundle requires it */
'use strict';

const NUMBER = '(0|[1-9]\\d*)';
const IDENTIFIER = `(?:${NUMBER}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const VERSION = new RegExp(`^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`);
const CARET_RANGE = /^\^(\d+)\.(\d+)\.(\d+)$/;

/** `1.96.2` or `1.97.0-insider` as { major, minor, patch, prerelease }; null when not a version. */
function parse(version) {
  if (typeof version === 'object' && version !== null && 'prerelease' in version) return version;
  if (typeof version !== 'string') return null;
  const match = VERSION.exec(version.trim());
  if (!match) return null;
  const [major, minor, patch] = match.slice(1, 4).map(Number);
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  const prerelease = match[4] === undefined ? [] : match[4].split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return { major, minor, patch, prerelease, version: version.trim() };
}

/** Whether `version` is in the caret range `^X.Y.Z`; a pre-release never is, as in semver. */
function satisfies(version, range) {
  const bounds = CARET_RANGE.exec(range);
  if (!bounds) throw new Error(`caretSemver handles only a caret range like ^1.82.0, not ${range}`);
  const parsed = parse(version);
  if (!parsed || parsed.prerelease.length > 0) return false;
  const low = bounds.slice(1).map(Number);
  const at = [parsed.major, parsed.minor, parsed.patch];
  // The caret keeps the leftmost non-zero part of the range fixed.
  const fixed = low[0] > 0 ? 1 : low[1] > 0 ? 2 : 3;
  if (at.slice(0, fixed).some((part, index) => part !== low[index])) return false;
  for (let index = fixed; index < 3; index++) if (at[index] !== low[index]) return at[index] > low[index];
  return true;
}

module.exports = { parse, satisfies };
