import { createCipheriv, createHash } from 'node:crypto';
import { OUTPUT_KINDS } from './catalog';
import { humanoidGlb } from './humanoid';
import { renderVideoLayout } from './render-video';

// What a download of an output holds. MAIN_GLB is a real glTF 2.0 binary (a walking mannequin, see
// humanoid.ts) and RENDER_VIDEO a real MP4 (the sample clip, see render-video.ts). Every other
// format is opaque: an AES-256-CTR keystream keyed by (owner id, format), deterministic so tests can
// compute what a download must contain, seekable so Range requests start anywhere, and generated
// chunk by chunk so a multi-GiB output never sits in memory.
//
// `outputBytes` (the simulator option) sizes the opaque outputs and pads RENDER_VIDEO; the GLB keeps
// its own size (about 50 KB) whatever it is.

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

/** Bytes [start, end] (inclusive) of the keystream of (owner, format), in chunks. */
function* keystream(ownerId: string, format: string, start: number, end: number): Generator<Buffer> {
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

/** `head`, then the keystream: bytes [start, end] of that concatenation. */
function* headThenKeystream(head: Buffer, ownerId: string, format: string, start: number, end: number) {
  if (start < head.length) yield head.subarray(start, Math.min(end + 1, head.length));
  if (end >= head.length)
    yield* keystream(ownerId, format, Math.max(start, head.length) - head.length, end - head.length);
}

// A GLB takes a few milliseconds to build; Range requests and listings ask for the same few again.
const glbs = new Map<string, Buffer>();
const KEPT_GLBS = 16;

function glbOf(ownerId: string): Buffer {
  let glb = glbs.get(ownerId);
  if (glb) glbs.delete(ownerId);
  else glb = humanoidGlb(ownerId);
  glbs.set(ownerId, glb);
  if (glbs.size > KEPT_GLBS) glbs.delete(glbs.keys().next().value!);
  return glb;
}

export interface OutputContent {
  size: number;
  /** Stable per content; not an MD5 (as for S3 multipart objects). */
  etag: string;
  /** Bytes [start, end] (inclusive), in chunks. */
  read(start: number, end: number): Iterable<Buffer>;
}

/** The content of the output made by job (or volume) `ownerId` in `format`, for `outputBytes`. */
export function outputContent(ownerId: string, format: string, outputBytes: number): OutputContent {
  let size = outputBytes;
  let read = (start: number, end: number): Iterable<Buffer> => keystream(ownerId, format, start, end);
  if (format === OUTPUT_KINDS.MAIN_GLB.format) {
    const glb = glbOf(ownerId);
    size = glb.length;
    read = (start, end) => [glb.subarray(start, end + 1)];
  } else if (format === OUTPUT_KINDS.RENDER_VIDEO.format) {
    const video = renderVideoLayout(outputBytes);
    size = video.size;
    read = (start, end) => headThenKeystream(video.head, ownerId, format, start, end);
  }
  const digest = createHash('sha256').update(`${ownerId}\n${format}\n${size}`).digest('hex');
  return { size, etag: `"${digest.slice(0, 32)}-1"`, read };
}

/**
 * Bytes [start, end] (inclusive) of an output, in chunks. `outputBytes` is the simulator's option
 * (it only matters for RENDER_VIDEO's padding box); the default suits reads of opaque outputs.
 */
export function outputChunks(
  ownerId: string,
  format: string,
  start: number,
  end: number,
  outputBytes = end + 1,
): Iterable<Buffer> {
  const content = outputContent(ownerId, format, outputBytes);
  return content.read(start, Math.min(end, content.size - 1));
}

/**
 * The whole content of an output made by `ownerId` in `format`. `size` is the simulator's
 * `outputBytes` or the size the output was served with: either gives the same bytes.
 */
export function expectedOutputBytes(ownerId: string, format: string, size: number): Buffer {
  const content = outputContent(ownerId, format, size);
  return Buffer.concat([...content.read(0, content.size - 1)]);
}

/** A hex digest of that content, computed chunk by chunk (fine for GiB sizes). */
export function outputChecksum(ownerId: string, format: string, size: number, algorithm = 'sha256'): string {
  const content = outputContent(ownerId, format, size);
  const hash = createHash(algorithm);
  for (const chunk of content.read(0, content.size - 1)) hash.update(chunk);
  return hash.digest('hex');
}
