// A small RFC 4180 reader: quoted fields (with "" for a quote, commas and line breaks inside),
// CRLF, LF or CR line ends, a byte order mark, blank lines skipped. Each row keeps the line it
// starts on, so messages can name it.

export interface CsvRow {
  /** 1-based line of the file the row starts on (a quoted line break makes a row span lines). */
  line: number;
  fields: string[];
}

/** A CSV text that cannot be read; `line` is where the trouble starts. */
export class CsvError extends Error {
  override name = 'CsvError';
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

export function parseCsvRows(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  /** Where the open quote is, for the message when it is never closed. */
  let quoteLine = 0;
  let line = 1;
  let rowLine = 1;
  const input = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    row.push(field);
    // A line of nothing but separators (as spreadsheets save an empty row) is blank too.
    if (row.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields: row });
    row = [];
    field = '';
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (char === '\n' || (char === '\r' && input[i + 1] !== '\n')) line++;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      field = '';
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') {
        i++;
        line++;
      }
      endRow();
      rowLine = line;
    } else {
      field += char;
    }
  }
  if (quoted)
    throw new CsvError(`the quoted field that starts on line ${quoteLine} is not closed (a " is missing)`, quoteLine);
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((row) => row.fields);
}
