/** Named seeds: what a region holds when it is first used or after a reset. */
import type { Clock } from './clock';
import type { SeedName } from './core';
import { seedDemo } from './fleet/demo';
import type { Seeder } from './state/store';

export const SEED_NAMES: readonly SeedName[] = ['demo', 'empty'];

export function seederFor(seed: SeedName, clock: Clock): Seeder {
  return seed === 'demo' ? (state) => seedDemo(state, clock.now()) : () => undefined;
}
