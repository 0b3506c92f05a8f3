// Text as a terminal shows it: CJK characters and emoji take two columns, combining marks none.
// Tables line up by those widths, and a cut line is never wider than the terminal nor cuts a
// character (or a character and its marks) in half.
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchView } from '../src/output/batch-progress';
import { type Io, table } from '../src/output/io';
import { ProgressView } from '../src/output/progress';
import { printRecord } from '../src/output/render';
import { displayWidth, padEndToWidth, truncateToWidth } from '../src/output/width';

const CJK = '撮影データ_最終版.mp4'; // 8 wide characters and 5 narrow: 21 columns
const EMOJI = '🎬🎥 take 👨‍👩‍👧.fbx'; // two emoji, a family (one cluster of 2 columns)
const MARKS = 'Cafe\u0301 Ame\u0301lie\u0301.mov'; // é as e + U+0301

/** No UTF-16 surrogate without its pair: a character cut in half. */
function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('displayWidth', () => {
  it('counts columns, not UTF-16 units', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('漢字')).toBe(4);
    expect(displayWidth(CJK)).toBe(21);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('👨‍👩‍👧')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth(MARKS)).toBe(MARKS.normalize('NFC').length);
    expect(displayWidth('\x1b[1mbold\x1b[22m')).toBe(4);
  });
});

describe('truncateToWidth', () => {
  it('leaves text that fits as it is', () => {
    expect(truncateToWidth(CJK, 21)).toBe(CJK);
  });

  it('never cuts a wide character in half, nor goes over', () => {
    for (let max = 0; max <= 23; max++) {
      for (const text of [CJK, EMOJI, MARKS]) {
        const cut = truncateToWidth(text, max);
        expect(displayWidth(cut), `${text} in ${max}`).toBeLessThanOrEqual(max);
        expect(hasLoneSurrogate(cut)).toBe(false);
        if (cut !== text && max > 0) expect(cut.endsWith('…')).toBe(true);
      }
    }
    // 4 columns: "撮" (2) and "…" (1); "撮影" and "…" would take 5.
    expect(truncateToWidth(CJK, 4)).toBe('撮…');
    expect(truncateToWidth('😀😀😀', 4)).toBe('😀…');
    expect(truncateToWidth('👨‍👩‍👧👨‍👩‍👧', 3)).toBe('👨‍👩‍👧…');
  });

  it('keeps a combining mark with its letter', () => {
    expect(truncateToWidth('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
    expect(truncateToWidth(MARKS, 5)).toBe('Cafe\u0301…');
  });
});

describe('table', () => {
  it('lines up columns after wide, emoji and combined names', () => {
    const rows = [
      ['OUTPUT', 'FORMAT', 'SIZE'],
      [CJK, 'MAIN_FBX', '1 KiB'],
      [EMOJI, 'RENDER_VIDEO', '2 KiB'],
      [MARKS, 'GLB', '3 KiB'],
      ['plain.fbx', 'X', '4 KiB'],
    ];
    const lines = table(rows, { color: false }).split('\n');
    const column = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));
    const formats = lines.map((line, i) => column(line, rows[i]![1]!));
    const sizes = lines.map((line, i) => column(line, rows[i]![2]!));
    expect(new Set(formats).size).toBe(1);
    expect(new Set(sizes).size).toBe(1);
    // The widest name (21 columns) and two spaces.
    expect(formats[0]).toBe(23);
    expect(padEndToWidth(CJK, 23)).toBe(`${CJK}  `);
  });
});

/** An Io on a terminal `columns` wide that keeps what was written to stderr and stdout. */
function terminal(columns: number) {
  const written = { stdout: '', stderr: '' };
  const io = {
    stdout: {
      write(text: string) {
        written.stdout += text;
        return true;
      },
    },
    stderr: {
      columns,
      write(text: string) {
        written.stderr += text;
        return true;
      },
    },
    json: false,
    animate: true,
    color: true,
    interactive: false,
    env: {},
  } as unknown as Io;
  /** The lines of the last redraw (after the last clear), without escapes. */
  const screen = () => stripVTControlCharacters(written.stderr.split('\x1b[0J').at(-1)!).split('\n').filter(Boolean);
  return { io, written, screen };
}

describe('live progress lines', () => {
  // The live area redraws on its 100 ms timer: advanced by hand, it draws the latest state.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const redraw = () => vi.advanceTimersByTime(100);

  it('fit the terminal with a wide file name, keeping the bar and percentage in view', () => {
    for (const columns of [70, 100]) {
      const { io, screen } = terminal(columns);
      const view = new ProgressView(io, () => 0);
      try {
        view.handle({ type: 'upload.started', role: 'video', name: `${CJK}${CJK}${EMOJI}`, totalBytes: 1000 } as never);
        view.handle({ type: 'upload.progress', role: 'video', sentBytes: 500, totalBytes: 1000 } as never);
        redraw();
        const lines = screen();
        expect(lines).toHaveLength(1);
        expect(displayWidth(lines[0]!)).toBeLessThanOrEqual(columns - 1);
        expect(hasLoneSurrogate(lines[0]!)).toBe(false);
        expect(lines[0]).toMatch(/^↑ 撮影.*… █+░+ {2}50% {2}500 B\/1000 B/);
      } finally {
        view.close();
      }
    }
  });

  it('are cut between characters when even the bar does not fit', () => {
    const { io, screen } = terminal(30);
    const view = new ProgressView(io, () => 0);
    try {
      view.handle({ type: 'download.started', fileName: EMOJI, totalBytes: 10, offset: 0 } as never);
      redraw();
      const [line] = screen();
      expect(displayWidth(line!)).toBeLessThanOrEqual(29);
      expect(hasLoneSurrogate(line!)).toBe(false);
    } finally {
      view.close();
    }
  });

  it('of a batch fit the terminal, each video name cut to leave its phase', () => {
    const { io, screen } = terminal(50);
    const names = [`${CJK}/${CJK}`, `${EMOJI}${EMOJI}${EMOJI}`, `${MARKS}${MARKS}`, 'short.mp4'];
    const view = new BatchView(io, names);
    try {
      for (const index of names.keys()) {
        view.handle({ type: 'batch.item.started', index } as never);
        view.handle({
          type: 'batch.item',
          index,
          event: { type: 'job.progress', state: 'RUNNING', percentageComplete: 40 + index },
        } as never);
      }
      redraw();
      const lines = screen();
      expect(lines).toHaveLength(4);
      for (const [index, line] of lines.entries()) {
        expect(displayWidth(line)).toBeLessThanOrEqual(49);
        expect(hasLoneSurrogate(line)).toBe(false);
        expect(line.endsWith(`job RUNNING ${40 + index}%`), line).toBe(true);
      }
      expect(lines[3]).toContain('short.mp4');
    } finally {
      view.close();
    }
  });
});

describe('records', () => {
  it('line up values after wide keys', () => {
    const { io, written } = terminal(80);
    printRecord(io, { 名前: 'a', id: 'b', '🎬': 'c' });
    const lines = stripVTControlCharacters(written.stdout).trimEnd().split('\n');
    const at = lines.map((line) => displayWidth(line.slice(0, line.search(/[abc]$/))));
    expect(new Set(at)).toEqual(new Set([6]));
  });
});
