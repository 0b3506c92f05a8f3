// Small Node helpers: a sleep that keeps the process alive, fs error codes, directory fsync.
import { open } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Sleep } from '@move-ugc/sdk';

/**
 * A ref'd timer, so a CLI waiting between polls does not exit early. Rejects with the signal's own
 * reason (as the Sleep contract says), not with the AbortError timers/promises makes up.
 */
export const nodeSleep: Sleep = async (ms, signal) => {
  try {
    await delay(Math.max(0, ms), undefined, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
};

/** The `code` of a Node system error (`ENOENT`, `EACCES`...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** 1 MiB: the granularity of progress callbacks, and the unit of buffer sizes. */
export const MiB = 1024 * 1024;

/** Makes the rename itself durable. Not possible on every platform (Windows), hence best effort. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data is already synced; only the directory entry might not be.
  }
}
