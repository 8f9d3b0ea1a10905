/**
 * Drives running audits and mitigation tasks in the background at the configured pace
 * (one check or one execution per `paceMs`; 0 = as fast as possible, in batches that keep
 * the server responsive). Work left IN_PROGRESS in a loaded state file resumes on start.
 * With a state file, a batch's changes are fsynced in one group commit while the next batch
 * runs; the runner never gets more than one batch ahead of the disk, and readers wait for the
 * commit of what they see (the server answers after `whenDurable()`).
 */
import { performance } from 'node:perf_hooks';
import { nextPendingCheck, runAuditCheck } from './audit/engine';
import type { Clock } from './clock';
import { markInProgress, nextExecution, processCurrentFinding, runExecutions } from './mitigation/engine';
import type { RegionState } from './state/regionState';
import type { Store } from './state/store';

/** With no pace, executions run for this long before yielding to the event loop (and a group commit). */
const BATCH_MS = 8;
/** Executions per chunk: each chunk writes one task record and one execution run, and is followed by a look at the clock. */
const CHUNK_EXECUTIONS = 512;

export class Runner {
  private generation = 0;
  private stopped = false;
  private readonly loops = new Set<Promise<void>>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private get paceMs(): number {
    return this.store.settings.paceMs;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      if (ms <= 0) {
        setImmediate(resolve);
        return;
      }
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }

  private track(loop: Promise<void>): void {
    const tracked: Promise<void> = loop
      .catch((error: unknown) => {
        process.stderr.write(`emulator: background work failed: ${(error as Error).stack ?? String(error)}\n`);
      })
      .finally(() => {
        this.loops.delete(tracked);
      });
    this.loops.add(tracked);
  }

  private alive(generation: number): boolean {
    return !this.stopped && generation === this.generation;
  }

  runAudit(state: RegionState, taskId: string): void {
    const generation = this.generation;
    this.track(
      (async () => {
        await this.sleep(this.paceMs);
        while (this.alive(generation)) {
          const task = state.auditTasks.get(taskId);
          const next = task && task.taskStatus === 'IN_PROGRESS' ? nextPendingCheck(task) : undefined;
          if (!next) break;
          runAuditCheck(state, taskId, next, this.clock.now());
          await this.store.whenDurable();
          await this.sleep(this.paceMs);
        }
      })(),
    );
  }

  runMitigationTask(state: RegionState, taskId: string): void {
    const generation = this.generation;
    this.track(
      (async () => {
        await this.sleep(0);
        // The group commit of the previous batch, still in flight while this one runs.
        let committing: Promise<void> | undefined;
        try {
          while (this.alive(generation)) {
            const task = state.mitigationTasks.get(taskId);
            if (!task || task.taskStatus !== 'IN_PROGRESS') break;
            if (this.paceMs > 0) {
              // Paced: show each execution IN_PROGRESS for one pace interval, then apply it.
              const next = nextExecution(state, task);
              if (next) {
                markInProgress(state, next[0], next[1], this.clock.now());
                await this.store.whenDurable();
                await this.sleep(this.paceMs);
                if (!this.alive(generation)) break;
              }
              processCurrentFinding(state, taskId, this.clock.now(), 1);
              await this.store.whenDurable();
            } else {
              this.runBatch(state, taskId);
              const commit = this.store.whenDurable();
              await committing;
              committing = commit;
              await this.sleep(0);
            }
          }
        } finally {
          await committing;
          await this.store.whenDurable();
        }
      })(),
    );
  }

  /** Runs executions of one task for about BATCH_MS, chunk by chunk. */
  private runBatch(state: RegionState, taskId: string): void {
    const started = performance.now();
    while (state.mitigationTasks.get(taskId)?.taskStatus === 'IN_PROGRESS') {
      runExecutions(state, taskId, this.clock.now(), CHUNK_EXECUTIONS);
      if (performance.now() - started >= BATCH_MS) return;
    }
  }

  /** Picks up audits and tasks that were running when the state was saved. */
  resumeAll(): void {
    for (const state of this.store.existingRegions()) {
      for (const task of state.auditTasks.values()) if (task.taskStatus === 'IN_PROGRESS') this.runAudit(state, task.taskId);
      for (const task of state.mitigationTasks.values()) if (task.taskStatus === 'IN_PROGRESS') this.runMitigationTask(state, task.taskId);
    }
  }

  /** Abandons all work of the current regions (reset); the loops end on their next step. */
  abandonAll(): void {
    this.generation++;
  }

  /** Wakes sleeping loops so a new pace takes effect at once. */
  wake(): void {
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.timers.clear();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all([...this.loops]);
  }
}
