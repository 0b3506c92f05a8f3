// What is known about each video's run as its events arrive: core's run state (ids, the job's last
// state, reused, when the job became known), plus when the video started and ended in the batch. It
// names the job in a failure, a cancellation or the summary even when the run did not return a result.
import { type BatchEvent, initialRunState, type RunState, reduceRunEvent } from '@move-ugc/core';

export interface ItemFacts extends RunState {
  startedAt?: number;
  endedAt?: number;
}

export class RunTracker {
  readonly items: ItemFacts[];
  readonly #now: () => number;

  constructor(count: number, now: () => number = Date.now) {
    this.items = Array.from({ length: count }, initialRunState);
    this.#now = now;
  }

  readonly handle = (event: BatchEvent): void => {
    if (event.type === 'batch.done') return;
    const item = this.items[event.index];
    if (!item) return;
    if (event.type === 'batch.item.started') item.startedAt = this.#now();
    else if (event.type === 'batch.item.done' || event.type === 'batch.item.failed') item.endedAt = this.#now();
    else Object.assign(item, reduceRunEvent(item, event.event, this.#now()));
  };
}
