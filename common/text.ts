/** Small text helpers for messages and "did you mean" suggestions. */

const SURROGATE = /[\uD800-\uDFFF]/;

/** Length in code points, as the AWS model counts it; no allocation for the usual BMP-only text. */
export function codePointLength(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff || i + 1 === text.length) count++;
    else {
      count++;
      i++;
    }
  }
  return count;
}

/** Each UTF-16 unit lower-cased on its own, as the distance compares them. */
function unitsLowerCased(text: string): string[] {
  const units = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text[i].toLowerCase();
  return units;
}

/**
 * The edit distance of `a` and `b`, ignoring case, or `limit + 1` as soon as it must exceed
 * `limit` (a row's minimum never decreases further down), which spares most of a long list.
 */
function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const lowerA = unitsLowerCased(a);
  const lowerB = unitsLowerCased(b);
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      const cost = lowerA[i - 1] === lowerB[j - 1] ? 0 : 1;
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + cost);
      if (previous[j] < rowMinimum) rowMinimum = previous[j];
      diagonal = above;
    }
    if (rowMinimum > limit) return limit + 1;
  }
  return previous[b.length];
}

/**
 * Candidates close enough to `value` to be what the user meant, best first.
 * A candidate that contains the value (or is contained by it) counts as close.
 */
/** Upper-case copies of candidate lists, kept while the list lives (one validation asks many times). */
const upperCaseLists = new WeakMap<readonly string[], readonly string[]>();
function upperCased(candidates: readonly string[]): readonly string[] {
  let upper = upperCaseLists.get(candidates);
  if (!upper) {
    upper = candidates.map((candidate) => candidate.toUpperCase());
    upperCaseLists.set(candidates, upper);
  }
  return upper;
}

export function closestMatches(value: string, candidates: readonly string[], limit = 3): string[] {
  const upper = value.toUpperCase();
  const candidatesUpper = upperCased(candidates);
  const scored: { candidate: string; score: number }[] = [];
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index];
    const allowed = Math.max(2, Math.floor(Math.max(candidate.length, value.length) / 3));
    let contains = false;
    if (upper.length >= 3) {
      const candidateUpper = candidatesUpper[index];
      contains = candidateUpper.includes(upper) || upper.includes(candidateUpper);
    }
    if (contains) {
      scored.push({ candidate, score: Math.min(1, editDistance(value, candidate, 1)) });
      continue;
    }
    // The length difference is a lower bound of the distance: skip hopeless candidates cheaply.
    if (Math.abs(candidate.length - value.length) > allowed) continue;
    const distance = editDistance(value, candidate, allowed);
    if (distance <= allowed) scored.push({ candidate, score: distance });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const characters = [...text]; // by code point, so an emoji is never cut in half
  return `"${characters.length > 60 ? `${characters.slice(0, 57).join('')}...` : text}"`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
