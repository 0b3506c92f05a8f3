// What a file really is, by its first bytes rather than its name: MP4 and MOV are ISO base media
// files (a box header with `ftyp`, or an old QuickTime file opening on another top-level box); AVI
// is a RIFF file of form `AVI `.

export type VideoContainer = 'MP4' | 'MOV' | 'AVI';

/** Bytes needed by sniffVideo(). */
export const SNIFF_BYTES = 16;

const QUICKTIME_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

export function sniffVideo(head: Uint8Array): VideoContainer | undefined {
  if (head.byteLength < 12) return undefined;
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ') return 'AVI';
  const box = ascii(head, 4, 8);
  if (box === 'ftyp') return ascii(head, 8, 12) === 'qt  ' ? 'MOV' : 'MP4';
  if (QUICKTIME_BOXES.has(box)) return 'MOV';
  return undefined;
}

/** A short description of what the bytes look like instead, for error messages. */
export function describeContent(head: Uint8Array): string {
  const text = ascii(head, 0, Math.min(head.byteLength, 16));
  if (head.byteLength === 0) return 'an empty file';
  if (ascii(head, 0, 4) === '%PDF') return 'a PDF document';
  if (head[0] === 0x89 && ascii(head, 1, 4) === 'PNG') return 'a PNG image';
  if (head[0] === 0xff && head[1] === 0xd8) return 'a JPEG image';
  if (ascii(head, 0, 2) === 'PK') return 'a zip archive';
  if (ascii(head, 0, 4) === '\x1aE\xdf\xa3') return 'a Matroska/WebM video (convert it to MP4)';
  if (ascii(head, 0, 3) === 'GIF') return 'a GIF image';
  if ([...text].every((c) => c === '\t' || c === '\n' || c === '\r' || (c >= ' ' && c <= '~'))) return 'text';
  return 'an unrecognised format';
}
