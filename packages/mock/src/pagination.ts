import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from './errors';
import { isoTime } from './ids';

// `after` is an opaque AWSJSON cursor: a JSON object text (written with ", " and ": " separators, as
// the service's Python back end writes them) carrying a signature. A client must send it back byte
// for byte: a re-encoded cursor (parsed and stringified again, or double-encoded) is rejected, and so
// is one altered or taken from another listing.

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  sortDirection?: 'ASC' | 'DESC' | null;
}

export interface Page<T> {
  first: number;
  after: string | null;
  items: T[];
}

interface Sortable {
  id: string;
  created: number;
  seq: number;
}

const DEFAULT_FIRST = 50;

function cursorText(created: string, id: string, sig: string): string {
  return `{"created": ${JSON.stringify(created)}, "id": ${JSON.stringify(id)}, "sig": ${JSON.stringify(sig)}}`;
}

function invalidCursor(why: string) {
  return badRequest(
    `Invalid pagination cursor in 'after': ${why}. Send back the exact 'after' string of the previous page.`,
  );
}

export class Paginator {
  constructor(private readonly secret: Buffer) {}

  /** `scope` names the listing (its field, sort direction and filters): a cursor only fits its own. */
  page<T extends Sortable>(records: T[], args: PageArgs, scope: string): Page<T> {
    const first = args.first ?? DEFAULT_FIRST;
    if (!Number.isInteger(first) || first < 1) throw badRequest(`first must be a positive integer (got ${first}).`);
    const direction = args.sortDirection ?? 'DESC';
    const sign = direction === 'ASC' ? 1 : -1;
    const sorted = [...records].sort((a, b) => sign * (a.created - b.created || a.seq - b.seq));
    const fullScope = `${scope}:${direction}`;
    let start = 0;
    if (args.after !== null && args.after !== undefined) {
      const id = this.open(args.after, fullScope);
      const index = sorted.findIndex((record) => record.id === id);
      if (index < 0) throw invalidCursor('it points at nothing in this listing');
      start = index + 1;
    }
    const items = sorted.slice(start, start + first);
    const last = items.at(-1);
    const more = start + first < sorted.length;
    return { first, after: more && last ? this.seal(last, fullScope) : null, items };
  }

  private sign(created: string, id: string, scope: string): string {
    return createHmac('sha256', this.secret).update(`${scope}\n${created}\n${id}`).digest('hex').slice(0, 24);
  }

  private seal(record: Sortable, scope: string): string {
    const created = isoTime(record.created);
    return cursorText(created, record.id, this.sign(created, record.id, scope));
  }

  /** The id a cursor points after; throws when the cursor is not exactly one this listing issued. */
  private open(after: string, scope: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(after);
    } catch {
      throw invalidCursor('it is not JSON');
    }
    if (typeof parsed === 'string') throw invalidCursor('it was JSON-encoded twice');
    const fields = parsed as { created?: unknown; id?: unknown; sig?: unknown } | null;
    const { created, id, sig } = fields ?? {};
    if (typeof created !== 'string' || typeof id !== 'string' || typeof sig !== 'string') {
      throw invalidCursor('it is not a cursor this API issued');
    }
    if (cursorText(created, id, sig) !== after) throw invalidCursor('it was re-encoded (its text changed)');
    const expected = Buffer.from(this.sign(created, id, scope));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw invalidCursor('it was altered, or belongs to another listing or sort order');
    }
    return id;
  }
}
