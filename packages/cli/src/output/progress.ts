// Draws a run's events on stderr. On a terminal: live bars with speed and ETA for each transfer
// and a status line for the job, redrawn in place at most 10 times a second. Elsewhere (CI logs,
// pipes): plain lines at a calm rate, one per step and per quarter of a transfer.
import {
  formatBytes,
  formatDuration,
  initialRunState,
  type RetryPhase,
  type RunEvent,
  type RunState,
  reduceRunEvent,
} from '@move-ugc/core';
import { type Io, paint, plainFields } from './io';
import { LiveArea } from './live-area';
import { displayWidth, truncateToWidth } from './width';

interface Transfer {
  label: string;
  done: number;
  total: number | undefined;
  startedAt: number;
  startBytes: number;
  lastQuarter: number;
}

const BAR_WIDTH = 24;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class ProgressView {
  readonly #io: Io;
  readonly #p: ReturnType<typeof paint>;
  readonly #transfers = new Map<string, Transfer>();
  /** The run as core folds it: the job's id, state, percentage and when it became known. */
  #run: RunState = initialRunState();
  /** The job's status line, from its creation (or `follow`) until its outputs are ready. */
  #job:
    | {
        lastQuarter: number;
        /** Created by this run: its whole life was seen here. */
        created: boolean;
        /** This run saw it before it ended (NOT_STARTED or RUNNING). */
        seenRunning: boolean;
      }
    | undefined;
  readonly #area: LiveArea;
  readonly #now: () => number;

  constructor(io: Io, now: () => number = Date.now) {
    this.#io = io;
    this.#p = paint(io);
    this.#now = now;
    this.#area = new LiveArea(io, (frame, columns) => this.#liveLines(frame, columns));
  }

  readonly handle = (raw: RunEvent): void => {
    const event = plainFields(raw);
    this.#run = reduceRunEvent(this.#run, event, this.#now());
    const p = this.#p;
    switch (event.type) {
      case 'upload.started':
        this.#start(`up:${event.role}`, `↑ ${event.name}`, event.totalBytes, 0);
        break;
      case 'upload.progress':
        this.#advance(`up:${event.role}`, event.sentBytes, event.totalBytes);
        break;
      case 'upload.done':
        this.#finish(
          `up:${event.role}`,
          (t) => `${p.green('✓')} Uploaded ${t.label.slice(2)} (${formatBytes(t.total ?? t.done)})`,
        );
        break;
      case 'upload.skipped':
        this.log(`${p.green('✓')} ${event.role} already uploaded (${event.fileId})`);
        break;
      case 'take.created':
        this.log(`${p.green('✓')} Take ${event.takeId}${event.resumed ? p.dim(' (resumed)') : ''}`);
        break;
      case 'volume.created':
        this.log(`${p.green('✓')} Volume ${event.volumeId}${event.resumed ? p.dim(' (resumed)') : ''}`);
        break;
      case 'volume.progress':
        this.log(
          `  Volume ${event.volumeId} ${event.state}${event.percentageComplete === null ? '' : ` ${event.percentageComplete}%`}`,
        );
        break;
      case 'job.created': {
        const note = event.reused ? ' (reused: same idempotency key)' : event.resumed ? ' (resumed)' : '';
        this.log(`${p.green('✓')} Job ${event.jobId}${p.dim(note)}`);
        this.#job = { lastQuarter: -1, created: !event.resumed && !event.reused, seenRunning: false };
        break;
      }
      case 'job.progress':
        this.#jobProgress(event.state, event.percentageComplete);
        break;
      case 'outputs.ready':
        if (this.#job) {
          const { created, seenRunning } = this.#job;
          const took = formatDuration(this.#now() - (this.#run.jobCreatedAt ?? this.#now()));
          this.#job = undefined;
          const count = event.outputs.length;
          // A job resumed, reused or followed may have ended before this run: no time is claimed for it.
          const finished = created
            ? `Job finished in ${took}`
            : seenRunning
              ? `Job finished (after waiting ${took})`
              : 'Job had already finished';
          this.log(`${p.green('✓')} ${finished}: ${count} output${count === 1 ? '' : 's'}`);
        }
        break;
      case 'download.started':
        this.#start(`down:${event.fileName}`, `↓ ${event.fileName}`, event.totalBytes, event.offset);
        break;
      case 'download.progress':
        this.#advance(`down:${event.fileName}`, event.receivedBytes, event.totalBytes);
        break;
      case 'download.done':
        this.#transfers.delete(`down:${event.fileName}`);
        this.log(`${p.green('✓')} Saved ${event.fileName} (${formatBytes(event.bytes)})`);
        break;
      case 'download.skipped':
        this.log(`${p.green('✓')} ${event.fileName} already downloaded`);
        break;
      case 'retry':
        this.log(
          p.yellow(`  ${event.phase}: ${event.reason}; ${retrying(event.phase)} in ${formatDuration(event.delayMs)}`),
        );
        break;
      case 'run.waiting':
        this.log(p.yellow(`  ${waitingLine(event.holder)}`));
        break;
    }
    this.#area.refresh();
  };

  /** Shows the status line of a job created earlier (`jobs wait`, `jobs download`). */
  follow(jobId: string): void {
    this.#run = { ...this.#run, jobId, jobCreatedAt: this.#now() };
    this.#job = { lastQuarter: -1, created: false, seenRunning: false };
    this.#area.draw();
  }

  /** A permanent line, printed above the live area. */
  log(line: string): void {
    this.#area.log(line);
  }

  /** Removes the live area and stops redrawing. */
  close(): void {
    this.#area.close();
  }

  #start(key: string, label: string, total: number | undefined, offset: number): void {
    this.#transfers.set(key, {
      label,
      done: offset,
      total,
      startedAt: this.#now(),
      startBytes: offset,
      lastQuarter: -1,
    });
    if (!this.#io.animate)
      this.#io.stderr.write(
        `${label}${total === undefined ? '' : ` (${formatBytes(total)})`}${offset ? ` from ${formatBytes(offset)}` : ''}\n`,
      );
  }

  #advance(key: string, done: number, total: number | undefined): void {
    const t = this.#transfers.get(key);
    if (!t) return;
    t.done = done;
    t.total = total ?? t.total;
    if (!this.#io.animate && t.total) {
      const quarter = Math.floor((done / t.total) * 4);
      if (quarter > t.lastQuarter && quarter < 4) {
        t.lastQuarter = quarter;
        if (quarter > 0) this.#io.stderr.write(`  ${t.label.slice(2)} ${quarter * 25}% ${this.#rate(t)}\n`);
      }
    }
  }

  #finish(key: string, line: (t: Transfer) => string): void {
    const t = this.#transfers.get(key);
    this.#transfers.delete(key);
    if (t) this.log(line(t));
  }

  #jobProgress(state: string, percent: number | null): void {
    const job = this.#job;
    if (!job) return;
    if (state !== 'FINISHED' && state !== 'FAILED') job.seenRunning = true;
    if (!this.#io.animate) {
      const quarter = percent === null ? 0 : Math.floor(percent / 25);
      if (quarter !== job.lastQuarter || state !== 'RUNNING') {
        job.lastQuarter = quarter;
        this.#io.stderr.write(`  Job ${this.#run.jobId} ${state}${percent === null ? '' : ` ${percent}%`}\n`);
      }
    }
  }

  #rate(t: Transfer): string {
    const seconds = (this.#now() - t.startedAt) / 1000;
    const speed = seconds > 0 ? (t.done - t.startBytes) / seconds : 0;
    const eta = t.total && speed > 0 ? ((t.total - t.done) / speed) * 1000 : Number.NaN;
    return `${formatBytes(speed)}/s${Number.isFinite(eta) ? ` ETA ${eta < 0 ? '?' : formatDuration(eta)}` : ''}`;
  }

  #liveLines(frame: number, columns: number): string[] {
    const lines: string[] = [];
    for (const t of this.#transfers.values()) {
      const ratio = t.total ? Math.min(1, t.done / t.total) : 0;
      const filled = Math.round(ratio * BAR_WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
      const size = t.total ? `${formatBytes(t.done)}/${formatBytes(t.total)}` : formatBytes(t.done);
      const rest = ` ${this.#p.cyan(bar)} ${String(Math.floor(ratio * 100)).padStart(3)}%  ${size}  ${this.#rate(t)}`;
      // A long file name gives way first, so the bar and the numbers stay on a narrow terminal.
      lines.push(`${fitLabel(t.label, columns - displayWidth(rest))}${rest}`);
    }
    if (this.#job) {
      const { jobId, jobState, activity, percent, jobCreatedAt = this.#now() } = this.#run;
      // Once Move says FINISHED, core's activity counts the outputs that are ready.
      const state = this.#run.phase === 'outputs' ? `FINISHED, ${activity}` : (jobState ?? 'waiting');
      const pct = percent === null ? '' : ` ${percent}%`;
      const elapsed = formatDuration(this.#now() - jobCreatedAt);
      lines.push(`${SPINNER[frame % SPINNER.length]} Job ${jobId}  ${state}${pct}  ${this.#p.dim(elapsed)}`);
    }
    return lines;
  }
}

/** `label` cut to `room` columns, but never below a few columns (the live area cuts the line's end then). */
export function fitLabel(label: string, room: number): string {
  return truncateToWidth(label, Math.max(room, 12));
}

/** A presigned PUT cannot resume part-way: a retried upload starts again from its first byte. */
export function retrying(phase: RetryPhase): string {
  return phase === 'upload' ? 'restarting the upload from the start' : 'retrying';
}

export function waitingLine(holder: string): string {
  return `The same run is already in progress (${holder}): waiting for it to end, then continuing from what it did (--fail-if-running exits instead).`;
}
