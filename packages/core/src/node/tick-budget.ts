// How much body one turn of the event loop may take in. libuv reads a ready socket up to 32 times
// per turn, and a lent body is written synchronously, so six fast downloads could hold the loop
// for tens of milliseconds (a progress display, a Ctrl-C and the other outputs wait). Past the
// budget a socket pauses and resumes on the next turn; the budget is shared by every download of
// the process, since they are read in the same turn.
const BUDGET_BYTES = 4 * 1024 * 1024;

let spent = 0;
let turnScheduled = false;
const paused: (() => void)[] = [];

function nextTurn(): void {
  turnScheduled = false;
  spent = 0;
  for (const resume of paused.splice(0)) resume();
}

/** Counts `bytes` taken in this turn: false (and `resume` called next turn) when past the budget. */
export function withinTurn(bytes: number, resume: () => void): boolean {
  spent += bytes;
  if (!turnScheduled) {
    turnScheduled = true;
    setImmediate(nextTurn);
  }
  if (spent < BUDGET_BYTES) return true;
  paused.push(resume);
  return false;
}
