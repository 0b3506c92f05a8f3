// One page, or every item across pages: `await list()` gives a page with its cursor,
// `for await (const x of list())` walks all pages, sending each cursor back unchanged.
import { MoveError } from './errors';

export interface Page<T> {
  items: T[];
  /** The opaque cursor of the next page (an AWSJSON string), or null on the last page. */
  after: string | null;
  first: number | null;
}

export const MAX_PAGES = 1000;

export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetchPage: (after: string | null | undefined) => Promise<Page<T>>;
  readonly #start: string | null | undefined;
  readonly #maxPages: number;
  #first: Promise<Page<T>> | undefined;

  constructor(
    fetchPage: (after: string | null | undefined) => Promise<Page<T>>,
    start?: string | null,
    maxPages = MAX_PAGES,
  ) {
    this.#fetchPage = fetchPage;
    this.#start = start;
    this.#maxPages = maxPages;
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#fetchPage(this.#start);
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: deliberately thenable, so `await list()` gives the first page.
  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((value: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  /** Every page in turn, starting with the first. */
  async *pages(): AsyncGenerator<Page<T>> {
    let page = await this.#firstPage();
    const seen = new Set<string>();
    for (let count = 1; ; count++) {
      yield page;
      if (page.after === null) return;
      if (seen.has(page.after))
        throw new MoveError('Move returned the same page cursor twice; stopping to avoid a loop.');
      seen.add(page.after);
      if (count >= this.#maxPages) {
        throw new MoveError(`Stopped after ${this.#maxPages} pages; pass a larger maxPages to walk further.`);
      }
      page = await this.#fetchPage(page.after);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Every item of every page, in one array. */
  async all(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}

/** A list as the wire carries it: AppSync may put nulls in `items`, or answer null for the whole list. */
export interface RawPage<W> {
  items: (W | null)[] | null;
  after: string | null;
  first: number | null;
}

/**
 * Drops the null entries from `items`. The item type `T` comes from the caller (`new PagePromise<T>`)
 * and can only narrow the wire item `W`: the resources narrow to the shape their `expand` asked for,
 * whose fields the generated types mark optional because the documents select them under `@include`.
 */
export function toPage<T extends W, W = T>(raw: RawPage<W> | null): Page<T> {
  return {
    items: (raw?.items ?? []).filter((item): item is T => item !== null),
    after: raw?.after ?? null,
    first: raw?.first ?? null,
  };
}
