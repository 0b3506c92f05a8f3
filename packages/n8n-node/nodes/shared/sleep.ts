// Waiting between polls and retries with n8n's own sleep, ended at once by the abort signal.
import type { Sleep } from '@move-ugc/sdk';
import { sleep } from 'n8n-workflow';

/**
 * n8n-workflow's `sleep` takes an abort signal from n8n 2 on; the race below also stops an older
 * host's sleep promptly when the execution is cancelled.
 */
export const n8nSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    sleep(ms, signal).then(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
