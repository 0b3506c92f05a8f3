// The worker half of alive.ts: it gets the absolute url of `alive` and pings it until it fails.

import { pingForever } from './ping.ts';

/** The one method of DedicatedWorkerGlobalScope used here (the DOM lib types `self` as a Window). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const scope = self as unknown as WorkerScope;
let started = false;
scope.addEventListener('message', (event) => {
  if (started || typeof event.data !== 'string') return;
  started = true;
  pingForever(event.data, () => scope.postMessage('stopped'));
});
