// The few lines at the bottom of stderr that are redrawn in place on a terminal (at most 10 times
// a second), with permanent lines printed above them. Elsewhere it draws nothing.
import { stripVTControlCharacters } from 'node:util';
import type { Io } from './io';
import { displayWidth, truncateToWidth } from './width';

export class LiveArea {
  readonly #io: Io;
  readonly #render: (frame: number, columns: number) => string[];
  #drawn = 0;
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;
  #drawnAt = 0;

  /** `render` gets the frame number and the columns a line may take (one less than the terminal's). */
  constructor(io: Io, render: (frame: number, columns: number) => string[]) {
    this.#io = io;
    this.#render = render;
    if (io.animate) {
      this.#timer = setInterval(() => this.draw(), 100);
      this.#timer.unref();
    }
  }

  /** A permanent line, printed above the live area. */
  log(line: string): void {
    this.#clear();
    this.#io.stderr.write(`${line}\n`);
    this.draw();
  }

  /** Redraws unless it was drawn less than 100 ms ago (the timer catches up): progress events can come by the hundred. */
  refresh(): void {
    if (Date.now() - this.#drawnAt >= 100) this.draw();
  }

  draw(): void {
    if (!this.#io.animate || !this.#timer) return;
    this.#drawnAt = Date.now();
    this.#frame++;
    const columns = this.#io.stderr.columns || 100;
    // Too wide for the terminal (counted in columns: CJK and emoji take two): drop the colours and
    // cut between characters, so a wrapped line cannot break the redraw.
    const lines = this.#render(this.#frame, columns - 1).map((line) =>
      displayWidth(line) > columns - 1 ? truncateToWidth(stripVTControlCharacters(line), columns - 1) : line,
    );
    this.#clear();
    if (lines.length > 0) this.#io.stderr.write(`${lines.join('\n')}\n`);
    this.#drawn = lines.length;
  }

  /** Removes the live area and stops redrawing; later log lines are still printed. */
  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#clear();
  }

  #clear(): void {
    if (this.#drawn === 0) return;
    this.#io.stderr.write(`\x1b[${this.#drawn}A\x1b[0J`);
    this.#drawn = 0;
  }
}
