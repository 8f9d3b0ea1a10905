/**
 * One request stream per running task, shared by all who follow it (vscode-free): the Tasks
 * view, the task details panel and the completion notice subscribe here, so a running task is
 * described once per interval however many of them watch it. A stream stops when its task
 * leaves IN_PROGRESS (its followers get that last state), when its last follower leaves, and
 * on stopAll() (the connection was dropped or replaced: its tasks are another account's).
 */
import type { DescribeAuditMitigationActionsTaskCommandOutput } from '@aws-sdk/client-iot';

export type DescribedTask = DescribeAuditMitigationActionsTaskCommandOutput & { taskId: string };

export type TaskListener = (task: DescribedTask) => void;

interface TaskFollowerOptions {
  /** DescribeAuditMitigationActionsTask on the current connection. */
  readonly describe: (taskId: string) => Promise<DescribedTask>;
  /** Time between two descriptions of a running task (read on each tick: a setting). */
  readonly intervalMs: () => number;
  /** A description failed; the stream goes on (the views show connection problems). */
  readonly onError?: (taskId: string, error: unknown) => void;
}

interface Stream {
  readonly listeners: Set<TaskListener>;
  timer?: ReturnType<typeof setTimeout>;
  latest?: DescribedTask;
}

export function isRunning(task: Pick<DescribedTask, 'taskStatus'>): boolean {
  return task.taskStatus === 'IN_PROGRESS';
}

export class TaskFollower {
  private readonly streams = new Map<string, Stream>();

  constructor(private readonly options: TaskFollowerOptions) {}

  /** The ids of the tasks followed now. */
  get followed(): readonly string[] {
    return [...this.streams.keys()];
  }

  /**
   * Calls `listener` with each new description of `taskId` until the task ends or the returned
   * subscription is disposed. The first description comes one interval from now: followers
   * describe a task once themselves (current()) before they follow it.
   */
  follow(taskId: string, listener: TaskListener): { dispose(): void } {
    let stream = this.streams.get(taskId);
    if (!stream) {
      stream = { listeners: new Set() };
      this.streams.set(taskId, stream);
      this.schedule(taskId, stream);
    }
    stream.listeners.add(listener);
    const followed = stream;
    return {
      dispose: () => {
        followed.listeners.delete(listener);
        if (followed.listeners.size === 0) this.stop(taskId, followed);
      },
    };
  }

  /** The task as its stream last described it, else described now. */
  current(taskId: string): Promise<DescribedTask> {
    const latest = this.streams.get(taskId)?.latest;
    return latest ? Promise.resolve(latest) : this.options.describe(taskId);
  }

  stopAll(): void {
    for (const [taskId, stream] of [...this.streams]) this.stop(taskId, stream);
  }

  private stop(taskId: string, stream: Stream): void {
    if (stream.timer) clearTimeout(stream.timer);
    stream.timer = undefined;
    if (this.streams.get(taskId) === stream) this.streams.delete(taskId);
  }

  private schedule(taskId: string, stream: Stream): void {
    stream.timer = setTimeout(() => void this.tick(taskId, stream), this.options.intervalMs());
  }

  private async tick(taskId: string, stream: Stream): Promise<void> {
    stream.timer = undefined;
    let task: DescribedTask | undefined;
    try {
      task = await this.options.describe(taskId);
    } catch (error) {
      this.options.onError?.(taskId, error);
    }
    // Stopped while the request was out: nobody is left to tell.
    if (this.streams.get(taskId) !== stream) return;
    if (task) {
      stream.latest = task;
      if (!isRunning(task)) this.stop(taskId, stream);
      for (const listener of [...stream.listeners]) listener(task);
      if (!isRunning(task)) return;
    }
    if (this.streams.get(taskId) === stream) this.schedule(taskId, stream);
  }
}
