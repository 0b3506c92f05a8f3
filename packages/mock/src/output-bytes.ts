import { createCipheriv, createHash } from 'node:crypto';

// Output bodies are an AES-256-CTR keystream keyed by (owner id, format): deterministic, so tests can
// compute what a download must contain; seekable, so Range requests start anywhere; generated chunk
// by chunk, so a multi-GiB output never sits in memory.

const CHUNK = 256 * 1024;
const BLOCK = 16;
const zeros = Buffer.alloc(CHUNK);

function keyOf(ownerId: string, format: string): Buffer {
  return createHash('sha256').update(`move-ugc-mock output\n${ownerId}\n${format}`).digest();
}

function counterIv(block: number): Buffer {
  const iv = Buffer.alloc(BLOCK);
  iv.writeBigUInt64BE(BigInt(block), 8);
  return iv;
}

/** Bytes [start, end] (inclusive) of the output, in chunks. */
export function* outputChunks(ownerId: string, format: string, start: number, end: number): Generator<Buffer> {
  const cipher = createCipheriv('aes-256-ctr', keyOf(ownerId, format), counterIv(Math.floor(start / BLOCK)));
  let skip = start % BLOCK;
  let remaining = end - start + 1;
  while (remaining > 0) {
    const take = Math.min(CHUNK, remaining + skip);
    const chunk = cipher.update(zeros.subarray(0, take)).subarray(skip);
    skip = 0;
    remaining -= chunk.length;
    yield chunk;
  }
}

/** The whole content of an output of `size` bytes made by job (or volume) `ownerId` in `format`. */
export function expectedOutputBytes(ownerId: string, format: string, size: number): Buffer {
  return Buffer.concat([...outputChunks(ownerId, format, 0, size - 1)]);
}

/** A hex digest of that content, computed chunk by chunk (fine for GiB sizes). */
export function outputChecksum(ownerId: string, format: string, size: number, algorithm = 'sha256'): string {
  const hash = createHash(algorithm);
  for (const chunk of outputChunks(ownerId, format, 0, size - 1)) hash.update(chunk);
  return hash.digest('hex');
}

/** The ETag served for an output: stable per content, not an MD5 (as for S3 multipart objects). */
export function outputEtag(ownerId: string, format: string, size: number): string {
  const digest = createHash('sha256').update(`${ownerId}\n${format}\n${size}`).digest('hex');
  return `"${digest.slice(0, 32)}-1"`;
}
