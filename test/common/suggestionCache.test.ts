/**
 * The validator's suggestion cache carries its lists over when action names are added, and drops
 * those that lost an entry: after every change of the name list, each remembered suggestion must
 * be what closestMatches finds over the whole new list.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestMatches } from '../../common/text';
import { ValidationCache } from '../../common/validate';

describe('suggestion cache', () => {
  it('suggests what a full pass would, across added, renamed and deleted names', () => {
    let seed = 5;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
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
