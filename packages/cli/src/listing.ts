// `--limit n` (one page of n), `--all` (every page) and `--after <cursor>` (the page after an
// earlier one), shared by every `list` verb.
import type { PagePromise } from '@move-ugc/sdk';
import { parsePositiveInt } from './args';
import { UsageError } from './errors';
import type { Io } from './output/io';
import { type Column, printList, revealUrls } from './output/render';
import { commandLine } from './workflow';

export interface PageRequest {
  first: number | undefined;
  after: string | undefined;
  all: boolean;
}

/** Move's page size cap (the SDK refuses more). */
const MAX_LIMIT = 1000;

export function pageRequest(values: { limit?: string; all?: boolean; after?: string }): PageRequest {
  if (values.all && values.limit !== undefined) {
    throw new UsageError('--all and --limit do not go together: --limit gives one page of n items, --all every item.');
  }
  if (values.all && values.after !== undefined)
    throw new UsageError('--all starts from the first page; leave out --after.');
  return {
    first: values.limit === undefined ? undefined : parsePositiveInt(values.limit, '--limit', MAX_LIMIT),
    after: values.after,
    all: Boolean(values.all),
  };
}

/**
 * Fetches one page or all of them and prints them, URLs redacted. The JSON document is
 * `{ items, after }`, where `after` is the cursor of the next page (null on the last one, and after --all).
 */
export async function printPages<T>(
  io: Io,
  command: { noun: string; argv: readonly string[] },
  request: PageRequest,
  list: PagePromise<T>,
  columns: readonly Column<T>[],
): Promise<void> {
  let items: T[];
  let after: string | null;
  if (request.all) {
    items = await list.all();
    after = null;
  } else {
    const page = await list;
    items = page.items;
    after = page.after;
  }
  const shown = revealUrls(items);
  printList(io, shown, columns, { items: shown, after });
  if (after !== null && !io.json) {
    const next = [...withoutFlag(command.argv, '--after'), '--after', after];
    io.stderr.write(`More on the next page: ${commandLine([command.noun, 'list'], next)}  (or --all)\n`);
  }
}

function withoutFlag(argv: readonly string[], flag: string): string[] {
  return argv.filter((arg, i) => arg !== flag && !arg.startsWith(`${flag}=`) && argv[i - 1] !== flag);
}
