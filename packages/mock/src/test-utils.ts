import type { VideoFormat } from './catalog';

// Helpers for tests written against the simulator (also re-exported from the main entry).

export { expectedOutputBytes, outputChecksum, outputChunks } from './output-bytes';
export {
  findLeaks,
  guardTestOutput,
  type LeakOptions,
  PRESIGNED_QUERY,
  recordOutput,
  registerSecret,
  scanRecordedOutput,
  watchProcessOutput,
} from './output-scan';
export { signWebhookPayload } from './webhooks';

function box(type: string, payload: Buffer): Buffer<ArrayBuffer> {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/**
 * The smallest bytes the simulator takes for a real video of `format`: a container header (an
 * ISO-BMFF `ftyp` box, or a RIFF/AVI header) padded to `size` bytes (at least the header's length).
 * Anything else uploaded as a video source makes the job FAIL.
 */
export function sampleVideo(format: VideoFormat = 'MP4', size = 64): Buffer<ArrayBuffer> {
  let head: Buffer<ArrayBuffer>;
  if (format === 'AVI') {
    head = Buffer.alloc(12);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(Math.max(size, 12) - 8, 4);
    head.write('AVI ', 8, 'latin1');
  } else {
    const brand = format === 'MOV' ? 'qt  ' : 'isom';
    head = box('ftyp', Buffer.from(`${brand}\0\0\x02\0${brand}mp41`, 'latin1'));
  }
  if (size <= head.length) return head;
  const rest = size - head.length;
  // Pad with an ISO 'free' box (or RIFF 'JUNK' chunk) when it fits, else plain zeros.
  if (rest < 8) return Buffer.concat([head, Buffer.alloc(rest)]);
  const padding = Buffer.alloc(rest);
  padding.writeUInt32BE(format === 'AVI' ? 0 : rest, 0);
  padding.write(format === 'AVI' ? 'JUNK' : 'free', format === 'AVI' ? 0 : 4, 'latin1');
  if (format === 'AVI') padding.writeUInt32LE(rest - 8, 4);
  return Buffer.concat([head, padding]);
}
