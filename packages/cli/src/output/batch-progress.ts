// Draws a batch on stderr: on a terminal one live line per video in flight (the activity and
// percentage of its core RunState); elsewhere one line per new activity of each video. Finished and
// failed videos get a permanent line.
import { type BatchEvent, initialRunState, type RunEvent, type RunState, reduceRunEvent } from '@move-ugc/core';
import { redact, stripControlChars } from '@move-ugc/sdk';
import { type Io, paint, plainFields } from './io';
import { LiveArea } from './live-area';
import { fitLabel, retrying, waitingLine } from './progress';
import { displayWidth } from './width';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class BatchView {
  readonly #io: Io;
  readonly #names: readonly string[];
  readonly #active = new Map<number, RunState>();
  readonly #area: LiveArea;
  #finished = 0;

  constructor(io: Io, names: readonly string[]) {
    this.#io = io;
    this.#names = names;
    this.#area = new LiveArea(io, (frame, columns) => this.#liveLines(frame, columns));
  }

  readonly handle = (event: BatchEvent): void => {
    const p = paint(this.#io);
    switch (event.type) {
      case 'batch.item.started':
        this.#set(event.index, initialRunState());
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

  /** Folds the video's event; what the CLI keeps as permanent lines is printed from the event itself. */
  #step(index: number, event: RunEvent): void {
    const label = this.#label(index);
    const yellow = paint(this.#io).yellow;
    switch (event.type) {
      case 'job.created':
        this.#area.log(`  ${label}: job ${event.jobId}${event.resumed ? ' (resumed)' : ''}`);
        break;
      case 'retry':
        this.#area.log(yellow(`  ${label}: ${event.phase}: ${event.reason}; ${retrying(event.phase)}`));
        break;
      case 'run.waiting':
        this.#area.log(yellow(`  ${label}: ${waitingLine(event.holder)}`));
        break;
    }
    // The log line above says it; the live line only needs the new activity.
    const logged = event.type === 'job.created' || event.type === 'run.waiting';
    this.#set(index, reduceRunEvent(this.#active.get(index) ?? initialRunState(), event), !logged);
  }

  /** A new activity: redrawn on a terminal, one log line elsewhere (progress percentages are not logged). */
  #set(index: number, state: RunState, print = true): void {
    const changed = this.#active.get(index)?.activity !== state.activity;
    this.#active.set(index, state);
    if (print && changed && !this.#io.animate) {
      const { activity, percent } = state;
      this.#io.stderr.write(
        `  ${this.#label(index)}: ${activity}${percent === null || percent === 0 ? '' : ` ${percent}%`}\n`,
      );
    }
  }

  /** The permanent line of a finished video, with how many are done so far. */
  #log(line: string): void {
    this.#finished++;
    this.#area.log(`${line} ${paint(this.#io).dim(`(${this.#finished}/${this.#names.length})`)}`);
  }

  #label(index: number): string {
    return this.#names[index] ?? `item ${index}`;
  }

  #liveLines(frame: number, columns: number): string[] {
    const spin = SPINNER[frame % SPINNER.length];
    return [...this.#active.entries()].map(([index, state]) => {
      const pct = state.percent === null ? '' : ` ${state.percent}%`;
      const rest = `  ${state.activity}${pct}`;
      // The video's name gives way first, so its activity and percentage stay in view.
      return `${spin} ${fitLabel(this.#label(index), columns - 2 - displayWidth(rest))}${rest}`;
    });
  }
}
