/** The emulator's notion of "now": wall time plus an offset tests can move (admin settings). */
export class Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;

