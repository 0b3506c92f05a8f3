// Widths as a terminal shows them: a CJK character or an emoji takes two columns, a combining mark
// none, whatever their length in UTF-16 units. Cuts fall between grapheme clusters, never inside one.
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns `text` takes on a terminal (escape sequences take none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` and spaces up to `width` columns. */
export function padEndToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** `text` and spaces before it, up to `width` columns. */
export function padStartToWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

/**
 * `text` cut to at most `max` columns, ending in `…` when cut. Whole grapheme clusters only: a wide
 * character that does not fit is left out, never halved. Escape sequences are dropped from a cut text.
 */
export function truncateToWidth(text: string, max: number, ellipsis = '…'): string {
  if (stringWidth(text) <= max) return text;
  const mark = stringWidth(ellipsis) <= max ? ellipsis : '';
  const room = max - stringWidth(mark);
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(stripVTControlCharacters(text))) {
    const width = stringWidth(segment);
    if (used + width > room) break;
    out += segment;
    used += width;
  }
  return out + mark;
}
