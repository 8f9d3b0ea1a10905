/**
 * The validator's suggestion cache carries its lists over when action names are added, and drops
 * those that lost an entry: after every change of the name list, each remembered suggestion must
 * be what closestMatches finds over the whole new list.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestMatches } from '../../common/text';
import { ValidationCache } from '../../common/validate';
import { seededRandom } from '../seededRandom';

describe('suggestion cache', () => {
  it('suggests what a full pass would, across added, renamed and deleted names', () => {
    const random = seededRandom(5);
    const stems = ['quarantine', 'deactivate-cert', 'logging', 'notify', 'replace-policy', 'group'];
    const nameOf = () => `${stems[Math.floor(random() * stems.length)]}-${Math.floor(random() * 40)}`;
    const asked = ['quarantine-1', 'quarantin-12', 'deactivate-cer-3', 'loging-7', 'notify-77', 'group', 'zzz', 'replace-policy-39'];
    const cache = new ValidationCache();
    let names = [...new Set(Array.from({ length: 60 }, nameOf))];
    for (let step = 0; step < 200; step++) {
      for (const name of asked) assert.deepEqual(cache.closest(name, names), closestMatches(name, names), `step ${step}, ${name}`);
      const next = [...names];
      const roll = random();
      if (roll < 0.4) next.splice(Math.floor(random() * (next.length + 1)), 0, nameOf());
      else if (roll < 0.7) next.splice(Math.floor(random() * next.length), 1);
      else next[Math.floor(random() * next.length)] = nameOf();
      // A new array each time, as each validation builds its own list.
      names = [...new Set(next)];
    }
  });
});

/** The plain definition: full Levenshtein over case-folded UTF-16 units, then closestMatches' selection rules. */
function referenceMatches(value: string, candidates: readonly string[], limit = 3): string[] {
  const distance = (a: string, b: string) => {
    const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    return rows[a.length][b.length];
  };
  const scored = candidates.flatMap((candidate) => {
    const allowed = Math.max(2, Math.floor(Math.max(candidate.length, value.length) / 3));
    const contains = value.length >= 3 && (candidate.toUpperCase().includes(value.toUpperCase()) || value.toUpperCase().includes(candidate.toUpperCase()));
    if (contains) return [{ candidate, score: Math.min(1, distance(value, candidate)) }];
    const d = distance(value, candidate);
    return d <= allowed ? [{ candidate, score: d }] : [];
  });
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

describe('closest matches', () => {
  it('finds what the full edit distance finds, for near and far names in any case', () => {
    const random = seededRandom(11);
    const alphabet = 'abcAB-1İß';
    const word = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let round = 0; round < 400; round++) {
      // Every fourth round has names around 32 units, where the distance switches algorithms.
      const longest = round % 4 === 3 ? 40 : 12;
      const candidates = Array.from({ length: 30 }, () => word(1 + Math.floor(random() * longest)));
      const value = random() < 0.5 ? candidates[0].slice(1) + word(1) : word(1 + Math.floor(random() * longest));
      assert.deepEqual(closestMatches(value, candidates), referenceMatches(value, candidates), `${value} in ${candidates.join(',')}`);
    }
  });
});
