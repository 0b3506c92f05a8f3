// The CSV reader behind `move-ugc batch list.csv`: RFC 4180 quoting, the line ends and marks that
// spreadsheets and editors save, and messages that name the line of the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandBatchArgs } from '../src/batch-inputs';
import { CsvError, parseCsv, parseCsvRows } from '../src/csv';
import { UsageError } from '../src/errors';

describe('parseCsv', () => {
  it('reads plain rows', () => {
    expect(parseCsv('video,name\na.mp4,one\nb.mp4,two\n')).toEqual([
      ['video', 'name'],
      ['a.mp4', 'one'],
      ['b.mp4', 'two'],
    ]);
  });

  it('keeps commas inside quotes', () => {
    expect(parseCsv('video,outputs\n"my, clip.mp4","MAIN_FBX,RENDER_VIDEO"\n')).toEqual([
      ['video', 'outputs'],
      ['my, clip.mp4', 'MAIN_FBX,RENDER_VIDEO'],
    ]);
  });

  it('reads "" inside quotes as one quote', () => {
    expect(parseCsv('name\n"the ""best"" take"\n"""quoted"""\n""""\n')).toEqual([
      ['name'],
      ['the "best" take'],
      ['"quoted"'],
      ['"'],
    ]);
  });

  it('reads CRLF line ends (and lone CR) like LF', () => {
    const lf = parseCsv('video,name\na.mp4,one\nb.mp4,two\n');
    expect(parseCsv('video,name\r\na.mp4,one\r\nb.mp4,two\r\n')).toEqual(lf);
    expect(parseCsv('video,name\ra.mp4,one\rb.mp4,two')).toEqual(lf);
    // No \r is left at the end of the last field of a line.
    expect(parseCsv('a,b\r\n').flat()).toEqual(['a', 'b']);
  });

  it('drops a UTF-8 byte order mark, so the first column is still "video"', () => {
    const rows = parseCsv('\uFEFFvideo,name\r\na.mp4,one\r\n');
    expect(rows[0]).toEqual(['video', 'name']);
    expect(rows[0]![0]).toHaveLength(5);
  });

  it('keeps line breaks inside quotes, and counts lines across them', () => {
    const rows = parseCsvRows('video,name\na.mp4,"two\nlines"\nb.mp4,"crlf\r\ninside"\nc.mp4,three\n');
    expect(rows).toEqual([
      { line: 1, fields: ['video', 'name'] },
      { line: 2, fields: ['a.mp4', 'two\nlines'] },
      { line: 4, fields: ['b.mp4', 'crlf\r\ninside'] },
      { line: 6, fields: ['c.mp4', 'three'] },
    ]);
  });

  it('skips empty lines, blank lines and rows of empty cells, keeping the line numbers', () => {
    const rows = parseCsvRows('video,name\n\na.mp4,one\n   \n,,\n\r\nb.mp4,two\n\n');
    expect(rows).toEqual([
      { line: 1, fields: ['video', 'name'] },
      { line: 3, fields: ['a.mp4', 'one'] },
      { line: 7, fields: ['b.mp4', 'two'] },
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\n\r\n')).toEqual([]);
  });

  it('reads a last line without a line end, and empty cells in the middle', () => {
    expect(parseCsv('video,move,name\na.mp4,,one')).toEqual([
      ['video', 'move', 'name'],
      ['a.mp4', '', 'one'],
    ]);
  });

  it('reads wide and combined characters as they are', () => {
    expect(parseCsv('video,name\n"撮影 1.mp4",🎬 take\ncafe\u0301.mp4,x\n')).toEqual([
      ['video', 'name'],
      ['撮影 1.mp4', '🎬 take'],
      ['cafe\u0301.mp4', 'x'],
    ]);
  });

  it('refuses a quote that is never closed, naming the line it opens on', () => {
    const text = 'video,name\na.mp4,one\nb.mp4,"two\nc.mp4,three\n';
    expect(() => parseCsv(text)).toThrow(CsvError);
    expect(() => parseCsv(text)).toThrow('the quoted field that starts on line 3 is not closed (a " is missing)');
    try {
      parseCsv('video\r\n\r\n"a.mp4\r\n');
    } catch (err) {
      expect((err as CsvError).line).toBe(3);
    }
  });
});

describe('a CSV list for batch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'move-ugc-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function list(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('names each row by its line in the file, past blank lines and quoted line breaks', async () => {
    const path = list(
      'shots.csv',
      '\uFEFFvideo,name,outputs\r\n\r\na.mp4,"shot\r\none","MAIN_FBX,RENDER_VIDEO"\r\n,,\r\n"b, take.mp4",two,MAIN_FBX\r\n',
    );
    const entries = await expandBatchArgs([path]);
    expect(entries.map((e) => [e.video, e.name, e.outputs, e.origin])).toEqual([
      [join(dir, 'a.mp4'), 'shot\r\none', ['MAIN_FBX', 'RENDER_VIDEO'], `${path} line 3`],
      [join(dir, 'b, take.mp4'), 'two', ['MAIN_FBX'], `${path} line 6`],
    ]);
  });

  it('says which line has no video, counted as in an editor', async () => {
    const path = list('gap.csv', 'video,name\n\na.mp4,one\n\n,two\n');
    await expect(expandBatchArgs([path])).rejects.toThrow(`${path} line 5 has no video.`);
  });

  it('BI-165 refuses an unclosed quote as a usage error naming the file and the line', async () => {
    const path = list('open.csv', 'video,name\na.mp4,one\n"b.mp4,two\nc.mp4,three\n');
    const error = await expandBatchArgs([path]).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      `${path} is not a readable CSV list: the quoted field that starts on line 3 is not closed (a " is missing).`,
    );
  });
});
