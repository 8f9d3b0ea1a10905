/** Small text helpers for messages and "did you mean" suggestions. */

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * Candidates close enough to `value` to be what the user meant, best first.
 * A candidate that contains the value (or is contained by it) counts as close.
 */
export function closestMatches(value: string, candidates: readonly string[], limit = 3): string[] {
  const upper = value.toUpperCase();
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const allowed = Math.max(2, Math.floor(Math.max(candidate.length, value.length) / 3));
    let contains = false;
    if (upper.length >= 3) {
      const candidateUpper = candidate.toUpperCase();
      contains = candidateUpper.includes(upper) || upper.includes(candidateUpper);
    }
    if (contains) {
      scored.push({ candidate, score: Math.min(1, editDistance(value, candidate)) });
      continue;
    }
    // The length difference is a lower bound of the distance: skip hopeless candidates cheaply.
    if (Math.abs(candidate.length - value.length) > allowed) continue;
    const distance = editDistance(value, candidate);
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
