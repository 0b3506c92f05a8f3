// Text a server sent (states, names, error messages) is data, not terminal commands: escape sequences
// in it could recolour or clear a terminal, retitle it, make it answer back, or forge log lines.

// Whole sequences first, so their parameters do not survive as text: CSI (ESC [ or C1 CSI) with its
// parameters and final byte; OSC, DCS, SOS, PM and APC strings up to BEL or ST (to the end when
// unterminated, as a terminal would swallow it); any other ESC with its intermediates and final byte.
const SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?',
  ].join('|'),
  'g',
);
const LINE_BREAK = /\r\n|[\n\r\t\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * Removes terminal escape sequences and control characters (C0, DEL, C1) from text before it is
 * written to a terminal or a log. Line breaks and tabs become spaces, so server text cannot start a
 * line of its own; `keepLineBreaks` keeps `\n` (for multi-line messages of our own).
 */
export function stripControlChars(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  const keep = options.keepLineBreaks === true;
  return text
    .replace(SEQUENCE, '')
    .replace(LINE_BREAK, (brk) => (keep && (brk === '\n' || brk === '\r\n') ? '\n' : ' '))
    .replace(CONTROL, '');
}
