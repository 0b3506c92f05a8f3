// The run's progress as CI log lines: a collapsible group per phase, and a calm rate (a CI log is
// not a terminal: no redraws, no bars). Transfers print at each quarter, the job at each change of
// state or quarter of its percentage. In a batch each line starts with its video.
import { type BatchEvent, formatBytes, formatDuration, type RunEvent } from '@move-ugc/core';
import { stripControlChars } from '@move-ugc/sdk';
import type { RunTracker } from './tracker';

/** Where lines go: @actions/core in the Action, an array in tests. */
export interface LogSink {
  info(line: string): void;
  startGroup(title: string): void;
  endGroup(): void;
}

export const PHASES = {
  inputs: 'Check inputs',
  upload: 'Upload',
  job: 'Motion capture job',
  download: 'Download outputs',
} as const;

type Phase = (typeof PHASES)[keyof typeof PHASES];

export class ProgressLog {
  readonly #sink: LogSink;
  readonly #scrub: (text: string) => string;
  #group: string | undefined;
  /** Per video (batch only): the prefix of its lines. */
  #labels: string[] = [];
  #tracker: RunTracker | undefined;
  /** Last quarter printed, per transfer or job. */
  readonly #quarters = new Map<string, number>();
  readonly #states = new Map<number, string>();
  readonly #now: () => number;

  constructor(sink: LogSink, scrub: (text: string) => string, now: () => number = Date.now) {
    this.#sink = sink;
    this.#scrub = scrub;
    this.#now = now;
  }

  /** From here on, events are about these videos; labels are shown only when there are several. */
  follow(videos: readonly string[], tracker: RunTracker): void {
    this.#labels = videos.length > 1 ? videos.map((video) => `[${video}] `) : [];
    this.#tracker = tracker;
  }

  /** Opens the phase's group unless it is the open one. */
  phase(title: Phase): void {
    if (this.#group === title) return;
    this.close();
    this.#sink.startGroup(title);
    this.#group = title;
  }

  /** One line, whatever Move put in it: a line break in a job state would start a workflow command. */
  line(text: string): void {
    this.#sink.info(stripControlChars(this.#scrub(text)));
  }

  /** Ends the open group, so what follows (the result, errors) is visible without unfolding. */
  close(): void {
    if (this.#group === undefined) return;
    this.#sink.endGroup();
    this.#group = undefined;
  }

  readonly handle = (event: BatchEvent): void => {
    if (event.type === 'batch.item') this.#runEvent(event.index, event.event);
    else if (event.type === 'batch.item.failed' && this.#labels.length > 0) {
      const message = event.error instanceof Error ? event.error.message.split('\n')[0] : String(event.error);
      this.line(`${this.#labels[event.index]}stopped: ${message}`);
    }
  };

  #runEvent(index: number, event: RunEvent): void {
    const line = this.#describe(index, event);
    if (!line) return;
    this.phase(line[0]);
    this.line(`${this.#labels[index] ?? ''}${line[1]}`);
  }

  /** The event's line and phase, or nothing when it is not worth a line. */
  #describe(index: number, event: RunEvent): [Phase, string] | undefined {
    switch (event.type) {
      case 'upload.started':
        return [PHASES.upload, `Uploading ${event.name} (${formatBytes(event.totalBytes)})`];
      case 'upload.progress': {
        const text = this.#quarter(`${index}:up:${event.role}`, event.sentBytes, event.totalBytes);
        return text ? [PHASES.upload, `  ${event.role} ${text}`] : undefined;
      }
      case 'upload.done':
        return [PHASES.upload, `Uploaded the ${event.role} (${event.fileId})`];
      case 'upload.skipped':
        return [PHASES.upload, `The ${event.role} was uploaded already (${event.fileId})`];
      case 'take.created':
        return [PHASES.job, `Take ${event.takeId}${event.resumed ? ' (from an earlier attempt)' : ''}`];
      case 'job.created':
        return [
          PHASES.job,
          event.reused
            ? `Job ${event.jobId} reused: an earlier run made it with the same idempotency key, so it is not paid for again`
            : `Job ${event.jobId} ${event.resumed ? 'resumed' : 'created'}`,
        ];
      case 'job.progress': {
        const { state, percentageComplete: percent } = event;
        const quarter = percent === null ? -1 : Math.floor(percent / 25);
        const key = `${index}:job`;
        if (this.#states.get(index) === state && this.#quarters.get(key) === quarter) return undefined;
        this.#states.set(index, state);
        this.#quarters.set(key, quarter);
        return [PHASES.job, `Job ${event.jobId}: ${state}${percent === null ? '' : ` ${percent}%`}`];
      }
      case 'outputs.waiting':
        return [PHASES.job, `Job ${event.jobId} finished; ${event.ready} of ${event.total} outputs ready to download`];
      case 'outputs.ready': {
        const since = this.#tracker?.items[index]?.jobCreatedAt;
        const took = since === undefined ? '' : ` after ${formatDuration(this.#now() - since)}`;
        return [PHASES.job, `Job ${event.jobId} finished${took}: ${event.outputs.length} outputs`];
      }
      case 'download.started': {
        const size = event.totalBytes === undefined ? '' : ` (${formatBytes(event.totalBytes)})`;
        const resumed = event.offset > 0 ? `, resuming at ${formatBytes(event.offset)}` : '';
        return [PHASES.download, `Downloading ${event.fileName}${size}${resumed}`];
      }
      case 'download.progress': {
        const text = this.#quarter(`${index}:down:${event.fileName}`, event.receivedBytes, event.totalBytes);
        return text ? [PHASES.download, `  ${event.fileName} ${text}`] : undefined;
      }
      case 'download.done':
        return [PHASES.download, `Saved ${event.fileName} (${formatBytes(event.bytes)})`];
      case 'download.skipped':
        return [PHASES.download, `${event.fileName} was downloaded already (${formatBytes(event.bytes)})`];
      case 'retry': {
        const phase =
          event.phase === 'upload' ? PHASES.upload : event.phase === 'download' ? PHASES.download : PHASES.job;
        return [phase, `${event.phase}: ${event.reason}; retry ${event.attempt} in ${formatDuration(event.delayMs)}`];
      }
      case 'volume.created':
      case 'volume.progress':
        return undefined; // Multi-camera only.
    }
  }

  /** A line as a transfer passes 25%, 50% and 75% (once each); the end has its own line. */
  #quarter(key: string, done: number, total: number | undefined): string | undefined {
    if (!total) return undefined;
    const quarter = Math.min(3, Math.floor((done / total) * 4));
    if (quarter <= (this.#quarters.get(key) ?? 0) || done >= total) return undefined;
    this.#quarters.set(key, quarter);
    return `${Math.floor((done / total) * 100)}% (${formatBytes(done)} of ${formatBytes(total)})`;
  }
}
