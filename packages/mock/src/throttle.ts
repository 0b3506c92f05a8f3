import { sleep } from './sleep';

/**
 * Passes `source` through at no more than `bytesPerSec` (undefined: unthrottled), in slices of
 * about 20 ms each, so reads and writes pace like a link of that speed.
 */
export async function* throttle(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  bytesPerSec: number | undefined,
): AsyncGenerator<Uint8Array> {
  if (!bytesPerSec) {
    yield* source;
    return;
  }
  const slice = Math.max(1024, Math.floor(bytesPerSec / 50));
  const started = performance.now();
  let sent = 0;
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.byteLength; offset += slice) {
      const part = chunk.subarray(offset, offset + slice);
      sent += part.byteLength;
      const wait = started + (sent / bytesPerSec) * 1000 - performance.now();
      if (wait > 1) await sleep(wait);
      yield part;
    }
  }
}
