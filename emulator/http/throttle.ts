/**
 * Optional API rate limiting ("AWS IoT Device Defender endpoints and quotas", API TPS limits): a token bucket per operation, account and region
 * holding at most the operation's TPS limit and refilled at that rate, on the real monotonic
 * clock (moving the emulator's clock does not refill it). An empty bucket answers
 * ThrottlingException (HTTP 400), as AWS IoT does. Off by default so tests and the extension
 * are never slowed; switch it on with `--throttle`, the `throttle` library option or the admin
 * settings endpoint. Only operations with a documented limit (TPS_LIMITS) are throttled.
 */
import { performance } from 'node:perf_hooks';
import { TPS_LIMITS } from '../../common/limits';
import { ApiError } from '../errors';

interface Bucket {
  tokens: number;
  /** performance.now() of the last refill. */
  refilledAt: number;
}

/** Buckets idle this long are full again and can be dropped. */
const IDLE_MS = 10_000;

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    public enabled = false,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The operation's limit in requests per second, or undefined when it is never throttled. */
  static limitOf(operation: string): number | undefined {
    return Object.hasOwn(TPS_LIMITS, operation) ? TPS_LIMITS[operation] : undefined;
  }

  /** Takes a token for one request; throws ThrottlingException when the bucket is empty. */
  take(operation: string, account: string, region: string): void {
    if (!this.enabled) return;
    const limit = Throttle.limitOf(operation);
    if (limit === undefined) return;
    const now = this.now();
    this.sweep(now);
    const key = `${account}/${region}/${operation}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit, refilledAt: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.refilledAt) / 1000) * limit);
      bucket.refilledAt = now;
    }
    if (bucket.tokens < 1) {
      throw new ApiError(400, 'ThrottlingException', `Rate exceeded: ${operation} allows ${limit} requests per second per account and region (emulator throttling is on).`);
    }
    bucket.tokens -= 1;
  }

  /** Forgets every bucket (all full again), e.g. when throttling is switched. */
  clear(): void {
    this.buckets.clear();
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.refilledAt >= IDLE_MS) this.buckets.delete(key);
  }
}
