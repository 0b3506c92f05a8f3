import { bodyChunks, type SimBody } from './http';

/** A web ReadableStream read as byte chunks. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * A SimBody as a web ReadableStream, pulled chunk by chunk (backpressure preserved). With
 * `failAtEnd`, the stream errors after the last chunk: a connection cut after a partial body.
 */
export function toReadableStream(body: SimBody, failAtEnd: boolean): ReadableStream<Uint8Array> {
  const chunks = bodyChunks(body);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (!done) {
        controller.enqueue(value);
        return;
      }
      if (failAtEnd) controller.error(new TypeError('The connection was reset before the body was complete.'));
      else controller.close();
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
