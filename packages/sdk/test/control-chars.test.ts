import { describe, expect, it } from 'vitest';
import { stripControlChars } from '../src/index';

describe('stripControlChars', () => {
  it.each([
    ['CSI colour and clear screen', '\u001b[31mRUNNING\u001b[0m\u001b[2J', 'RUNNING'],
    ['CSI with intermediates (cursor style)', 'a\u001b[2 qb', 'ab'],
    ['OSC title ended by BEL', '\u001b]0;pwned\u0007job', 'job'],
    ['OSC 8 hyperlink ended by ST', '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['DCS string', 'a\u001bP1$r\u001b\\b', 'ab'],
    ['an unterminated OSC swallows the rest, as a terminal would', 'ok\u001b]0;never ends', 'ok'],
    ['C1 CSI (device status report)', 'FINISHED\u009b6n', 'FINISHED'],
    ['C1 OSC ended by C1 ST', '\u009d0;x\u009cname', 'name'],
    ['two-byte ESC sequences (save cursor, charset)', '\u001b7a\u001b(0b', 'ab'],
    ['bell, backspace, NUL and DEL', 'a\u0007b\u0008c\u0000d\u007f', 'abcd'],
    ['line breaks and tabs, so no line of its own', 'a\r\n::warning::x\tb\rc', 'a ::warning::x b c'],
    ['plain text and non-ASCII letters untouched', 'Clip – café ✓ 100%', 'Clip – café ✓ 100%'],
  ])('removes %s', (_label, input, expected) => {
    expect(stripControlChars(input)).toBe(expected);
  });

  it('keeps \\n (and turns \\r\\n into \\n) only when asked', () => {
    expect(stripControlChars('one\r\ntwo\nthree\rfour', { keepLineBreaks: true })).toBe('one\ntwo\nthree four');
  });
});
