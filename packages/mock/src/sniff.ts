import type { VideoFormat } from './catalog';

// ISO-BMFF (MP4/MOV) box types that can open a real file: 'ftyp' normally, older QuickTime files
// may start with 'moov', 'mdat', 'wide', 'free', 'skip' or 'pnot'.
const BMFF_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** How many leading bytes of an upload are kept for sniffing. */
export const SNIFF_BYTES = 16;

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, end)).toString('latin1');
}

/** Whether these first bytes look like a video container of the declared source format. */
export function looksLikeVideo(head: Uint8Array, format: VideoFormat): boolean {
  if (head.length < 12) return false;
  if (format === 'AVI') return ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ';
  return BMFF_FIRST_BOXES.has(ascii(head, 4, 8));
}
