// Draws a batch on stderr: on a terminal one live line per video in flight (phase and percentage);
// elsewhere one line per step of each video. Finished and failed videos get a permanent line.
import type { BatchEvent, RunEvent } from '@move-ugc/core';
import { redact, stripControlChars } from '@move-ugc/sdk';
import { type Io, paint, plainFields } from './io';
import { LiveArea } from './live-area';
import { retrying, waitingLine } from './progress';

interface ItemState {
  phase: string;
  percent: number | null;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class BatchView {
  readonly #io: Io;
  readonly #names: readonly string[];
  readonly #active = new Map<number, ItemState>();
  readonly #area: LiveArea;
  #finished = 0;

  constructor(io: Io, names: readonly string[]) {
    this.#io = io;
    this.#names = names;
    this.#area = new LiveArea(io, (frame) => this.#liveLines(frame));
  }

  readonly handle = (event: BatchEvent): void => {
    const p = paint(this.#io);
    switch (event.type) {
      case 'batch.item.started':
        this.#set(event.index, 'starting', null);
        break;
      case 'batch.item':
        this.#step(event.index, plainFields(event.event));
        break;
      case 'batch.item.done': {
        this.#active.delete(event.index);
        const outputs = event.result.outputs.length;
        const what =
          outputs > 0 ? `${outputs} output${outputs === 1 ? '' : 's'}` : stripControlChars(event.result.state);
        this.#log(`${p.green('✓')} ${this.#label(event.index)}: ${what}`);
        break;
      }
      case 'batch.item.failed': {
        this.#active.delete(event.index);
        const message = event.error instanceof Error ? event.error.message : String(event.error);
        this.#log(`${p.red('✗')} ${this.#label(event.index)}: ${stripControlChars(redact(message))}`);
        break;
      }
    }
    this.#area.refresh();
  };

  close(): void {
    this.#area.close();
  }

  #step(index: number, event: RunEvent): void {
    switch (event.type) {
      case 'upload.started':
        this.#set(index, `uploading ${event.name}`, 0);
        break;
      case 'upload.progress':
        this.#progress(index, event.sentBytes, event.totalBytes);
        break;
      case 'job.created':
        // The log line says it; the live line only needs the new phase.
        this.#area.log(`  ${this.#label(index)}: job ${event.jobId}${event.resumed ? ' (resumed)' : ''}`);
        this.#active.set(index, { phase: 'job created', percent: null });
        break;
      case 'job.progress':
        this.#set(index, `job ${event.state}`, event.percentageComplete);
        break;
      case 'outputs.waiting':
        this.#set(index, `outputs ${event.ready}/${event.total} ready`, null);
        break;
      case 'download.started':
        this.#set(index, `downloading ${event.fileName}`, 0);
        break;
      case 'download.progress':
        this.#progress(index, event.receivedBytes, event.totalBytes);
        break;
      case 'retry':
        this.#area.log(
          paint(this.#io).yellow(`  ${this.#label(index)}: ${event.phase}: ${event.reason}; ${retrying(event.phase)}`),
        );
        break;
      case 'run.waiting':
        this.#area.log(paint(this.#io).yellow(`  ${this.#label(index)}: ${waitingLine(event.holder)}`));
        break;
    }
  }

  /** A new phase: redrawn on a terminal, one log line elsewhere (progress percentages are not logged). */
  #set(index: number, phase: string, percent: number | null): void {
    const state = this.#active.get(index);
    const changed = state?.phase !== phase;
    this.#active.set(index, { phase, percent });
    if (changed && !this.#io.animate) {
      this.#io.stderr.write(
        `  ${this.#label(index)}: ${phase}${percent === null || percent === 0 ? '' : ` ${percent}%`}\n`,
      );
    }
  }

  #progress(index: number, done: number, total: number | undefined): void {
    const state = this.#active.get(index);
    if (state && total) state.percent = Math.floor((done / total) * 100);
  }

  /** The permanent line of a finished video, with how many are done so far. */
  #log(line: string): void {
    this.#finished++;
    this.#area.log(`${line} ${paint(this.#io).dim(`(${this.#finished}/${this.#names.length})`)}`);
  }

  #label(index: number): string {
    return this.#names[index] ?? `item ${index}`;
  }

  #liveLines(frame: number): string[] {
    const spin = SPINNER[frame % SPINNER.length];
    return [...this.#active.entries()].map(([index, state]) => {
      const pct = state.percent === null ? '' : ` ${state.percent}%`;
      return `${spin} ${this.#label(index)}  ${state.phase}${pct}`;
    });
  }
}
