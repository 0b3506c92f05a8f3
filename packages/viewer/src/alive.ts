// Tells `move-ugc view` the page is still open: POST alive every 5 s. The pings run in a dedicated
// worker because a hidden tab's timers are throttled (to once a minute after a while in Chrome),
// which would look like a closed page; the page falls back to its own timer when a worker can't
// start. The first failure (the server has stopped, or answers an error) ends the pings: fetch's
// rejection is caught, and the caller is told once.

import { pingForever } from './ping.ts';

/** Starts the pings in a worker (alive-worker.ts) or, failing that, on the page. */
export function startAlive(onStopped: () => void): void {
  const url = new URL('alive', document.baseURI).href;
  let fellBack = false;
  const fallBack = () => {
    if (fellBack) return;
    fellBack = true;
    pingForever(url, onStopped);
  };
  try {
    const worker = new Worker(new URL('./alive-worker.ts', import.meta.url), { type: 'module', name: 'alive' });
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.data === 'stopped') onStopped();
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      fallBack();
    });
    worker.postMessage(url);
  } catch {
    fallBack();
  }
}
