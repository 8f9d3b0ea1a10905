/** The pieces one running emulator is made of, shared by the API server and the admin API. */
import type { Clock } from './clock';
import type { Runner } from './runner';
import type { Store } from './state/store';
import type { Throttle } from './http/throttle';

export type SeedName = 'demo' | 'empty';

interface InjectedError {
  errorType: string;
  /** How many more requests fail; the injection is removed at 0. */
  remaining: number;
}

export interface EmulatorCore {
  readonly store: Store;
  readonly runner: Runner;
  readonly clock: Clock;
  readonly account: string;
  readonly startedAt: number;
  readonly durable: boolean;
  seed: SeedName;
  /** Operation name → error to return instead of running it (admin settings), for testing error paths. */
  readonly injectedErrors: Map<string, InjectedError>;
  /** Operations answered with AccessDeniedException, as for an identity without their permission (admin settings, `--deny`). */
  readonly deniedOperations: Set<string>;
  /** Per-operation TPS limits ("AWS IoT Device Defender endpoints and quotas"); off unless switched on. */
  readonly throttle: Throttle;
}
