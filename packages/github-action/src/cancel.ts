// Cancelling a workflow run sends the step SIGINT (and SIGTERM a few seconds later, before killing
// it). The first signal aborts the run through core's abort signal, so it stops at once and can
// still say which jobs keep running; a second one means time is up.
export interface Cancellation {
  signal: AbortSignal;
  readonly cancelled: boolean;
  dispose(): void;
}

export function watchCancellation(onCancel: (signal: NodeJS.Signals) => void): Cancellation {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(1);
    onCancel(signal);
    controller.abort(new Error(`The run was cancelled (${signal}).`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    get cancelled() {
      return controller.signal.aborted;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
