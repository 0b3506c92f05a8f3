// What the client needs from its platform, injected so the same code runs in Node, n8n, browsers
// and edge runtimes. Nothing here touches timers, env vars or the file system directly.

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * A sleep built on `AbortSignal.timeout`, the one timer every fetch runtime offers. In Node that
 * timer does not keep the process alive, so the Node entry swaps in a ref'd timer (index.node.ts).
 */
export const signalSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = AbortSignal.timeout(Math.max(0, ms));
    const onAbort = () => {
      timer.removeEventListener('abort', onTimer);
      reject(signal?.reason);
    };
    const onTimer = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    timer.addEventListener('abort', onTimer, { once: true });
    signal?.addEventListener('abort', onAbort, { once: true });
  });

let platformSleep: Sleep = signalSleep;

/** The sleep used when none is passed to the client. Set once by a platform entry. */
export function defaultSleep(): Sleep {
  return platformSleep;
}

export function setDefaultSleep(sleep: Sleep): void {
  platformSleep = sleep;
}
