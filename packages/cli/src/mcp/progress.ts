// A tool call's progress, for a client that asked for it (a progressToken): core's RunEvents folded
// with reduceRunEvent, as MCP `notifications/progress`: the activity (`uploading clip.mp4 40%`) and
// one overall number, strictly increasing as the protocol wants, in order and at most one per
// interval (a new activity is sent at once).
import { initialRunState, type RunEvent, type RunPhase, type RunState, reduceRunEvent } from '@move-ugc/core';

/** The part of the overall 0-100 each phase covers. */
export type Weights = Partial<Record<RunPhase, readonly [number, number]>>;

/** process_video: the upload, then the job, then the downloads. */
export const RUN_WEIGHTS: Weights = { upload: [0, 20], volume: [20, 20], job: [20, 80], outputs: [80, 80] };
/** wait_for_job and download_outputs: the job, then the downloads. */
export const FOLLOW_WEIGHTS: Weights = { job: [0, 80], outputs: [80, 80] };
const DOWNLOAD: readonly [number, number] = [80, 100];

export interface ProgressTarget {
  progressToken: string | number | undefined;
  send(params: { progressToken: string | number; progress: number; total: number; message: string }): Promise<void>;
}

export interface Progress {
  onEvent(event: RunEvent): void;
  /** Sends what is still held back and waits until every notification has been handed over. */
  flush(): Promise<void>;
  /** Stops sending (the call ended without a result to wait for). */
  stop(): void;
  readonly state: RunState;
}

export function progress(target: ProgressTarget, weights: Weights, start?: Partial<RunState>, intervalMs = 250) {
  let state: RunState = { ...initialRunState(), ...start };
  let outputs = 0;
  let last = -1;
  let lastActivity: string | undefined;
  let lastSent = 0;
  let held: RunState | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let chain = Promise.resolve();
  const token = target.progressToken;

  const overall = (s: RunState): number => {
    if (s.phase === 'download') {
      const share = outputs > 0 ? (s.saved + (s.percent ?? 0) / 100) / outputs : 0;
      return DOWNLOAD[0] + (DOWNLOAD[1] - DOWNLOAD[0]) * Math.min(1, share);
    }
    const [from, to] = weights[s.phase] ?? [0, 0];
    return from + ((to - from) * (s.percent ?? 0)) / 100;
  };

  const send = (s: RunState) => {
    if (token === undefined || stopped) return;
    held = undefined;
    lastSent = Date.now();
    lastActivity = s.activity;
    // Strictly increasing, below 100 until the call's result says it is done.
    const value = Math.min(99.99, Math.max(Math.round(overall(s) * 100) / 100, Math.round((last + 0.01) * 100) / 100));
    if (value <= last) return;
    last = value;
    const message = s.percent === null ? s.activity : `${s.activity} ${s.percent}%`;
    chain = chain.then(() =>
      target.send({ progressToken: token, progress: value, total: 100, message }).catch(() => {}),
    );
  };

  const result: Progress = {
    onEvent(event) {
      state = reduceRunEvent(state, event);
      if (event.type === 'outputs.ready') outputs = event.outputs.length;
      if (token === undefined || stopped) return;
      if (state.activity !== lastActivity || Date.now() - lastSent >= intervalMs) {
        clearTimeout(timer);
        timer = undefined;
        send(state);
      } else {
        held = state;
        timer ??= setTimeout(
          () => {
            timer = undefined;
            if (held) send(held);
          },
          intervalMs - (Date.now() - lastSent),
        );
      }
    },
    async flush() {
      clearTimeout(timer);
      timer = undefined;
      if (held) send(held);
      await chain;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    get state() {
      return state;
    },
  };
  return result;
}
