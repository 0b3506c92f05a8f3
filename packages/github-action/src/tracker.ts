// What is known about each video's run as its events arrive: enough to name the job in a failure,
// a cancellation or the summary even when the run did not return a result.
import type { BatchEvent } from '@move-ugc/core';

export interface ItemFacts {
  takeId?: string;
  jobId?: string;
  /** Move's last reported state of the job. */
  state?: string;
  percent: number | null;
  /** The job was made by an earlier run with the same idempotency key. */
  reused: boolean;
  startedAt?: number;
  jobCreatedAt?: number;
  endedAt?: number;
}

export class RunTracker {
  readonly items: ItemFacts[];
  readonly #now: () => number;

  constructor(count: number, now: () => number = Date.now) {
    this.items = Array.from({ length: count }, () => ({ percent: null, reused: false }));
    this.#now = now;
  }

  readonly handle = (event: BatchEvent): void => {
    if (event.type === 'batch.done') return;
    const item = this.items[event.index];
    if (!item) return;
    if (event.type === 'batch.item.started') item.startedAt = this.#now();
    else if (event.type === 'batch.item.done' || event.type === 'batch.item.failed') item.endedAt = this.#now();
    else {
      const inner = event.event;
      if (inner.type === 'take.created') item.takeId = inner.takeId;
      else if (inner.type === 'job.created') {
        item.jobId = inner.jobId;
        item.reused = inner.reused;
        item.jobCreatedAt = this.#now();
      } else if (inner.type === 'job.progress') {
        item.state = inner.state;
        item.percent = inner.percentageComplete;
      } else if (inner.type === 'outputs.ready') item.state = 'FINISHED';
    }
  };
}
