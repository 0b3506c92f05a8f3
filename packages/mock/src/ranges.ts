export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * One `Range: bytes=...` header against a body of `size` bytes: the range to serve, 'unsatisfiable'
 * (416), or null to serve the whole body (no header, a malformed one, or several ranges, which S3
 * also answers with the whole object).
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (to !== '' && Number(to) < start) return null;
  if (start >= size) return 'unsatisfiable';
  const end = to === '' ? size - 1 : Number(to);
  return { start, end: Math.min(end, size - 1) };
}

/** Whether an `If-Match` header lets a body with this ETag through. */
export function ifMatchHolds(header: string | null, etag: string): boolean {
  if (header === null) return true;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === etag);
}
