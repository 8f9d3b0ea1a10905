/**
 * Follows the audits in progress (vscode-free): one timer for all of them, each tick describes
 * each running audit once, and a followed audit is dropped when it leaves IN_PROGRESS (its
 * listeners get that last state). With no audit running there is no timer.
 */
import type { DescribeAuditTaskCommandOutput } from '@aws-sdk/client-iot';

export type DescribedAudit = DescribeAuditTaskCommandOutput & { taskId: string };

interface AuditFollowerOptions {
  readonly describe: (taskId: string) => Promise<DescribedAudit>;
  readonly intervalMs: () => number;
  /** Each new description of a followed audit; `ended` when it left IN_PROGRESS. */
  readonly onUpdate: (audit: DescribedAudit, ended: boolean) => void;
  readonly onError?: (taskId: string, error: unknown) => void;
}

export class AuditFollower {
  private readonly running = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by stopAll(): a tick in flight then tells nobody. */
  private generation = 0;

  constructor(private readonly options: AuditFollowerOptions) {}

  get followed(): readonly string[] {
    return [...this.running];
  }

  follow(taskId: string): void {
    this.running.add(taskId);
    if (!this.timer) this.schedule();
  }

  stopAll(): void {
    this.running.clear();
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.options.intervalMs());
  }

  private async tick(): Promise<void> {
    const generation = this.generation;
    for (const taskId of [...this.running]) {
      let audit: DescribedAudit;
      try {
        audit = await this.options.describe(taskId);
      } catch (error) {
        this.options.onError?.(taskId, error);
        continue;
      }
      if (generation !== this.generation) return;
      const ended = audit.taskStatus !== 'IN_PROGRESS';
      if (ended) this.running.delete(taskId);
      this.options.onUpdate(audit, ended);
    }
    if (generation !== this.generation) return;
    this.timer = undefined;
    if (this.running.size > 0) this.schedule();
  }
}
