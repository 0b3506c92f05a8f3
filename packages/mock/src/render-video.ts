import sample from '../../../samples/dance.mp4';

// RENDER_VIDEO's content: the repository's sample clip (a short real MP4), embedded at build time.
// A simulator asked for larger outputs pads it with a trailing ISO-BMFF `free` box, which players
// skip, so the video stays playable while benchmarks still get the size they asked for.

export const SAMPLE_VIDEO: Uint8Array = sample;

/** Header of the padding box: a 32-bit size, or size 1 and a 64-bit `largesize` past 4 GiB. */
function freeBoxHeader(size: number): Buffer {
  const large = size > 0xffffffff;
  const header = Buffer.alloc(large ? 16 : 8);
  header.writeUInt32BE(large ? 1 : size, 0);
  header.write('free', 4, 'latin1');
  if (large) header.writeBigUInt64BE(BigInt(size), 8);
  return header;
}

/** The clip as served for `outputBytes`: padded to that size when it leaves room for a box header. */
export function renderVideoLayout(outputBytes: number): { size: number; head: Buffer } {
  const padding = outputBytes - sample.length;
  if (padding < 8) {
    return { size: sample.length, head: Buffer.from(sample.buffer, sample.byteOffset, sample.length) };
  }
  return { size: outputBytes, head: Buffer.concat([sample, freeBoxHeader(padding)]) };
}
