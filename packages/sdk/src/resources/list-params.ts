import { checkPositiveInt } from '../core/validate';
import type { SortDirection } from '../generated/graphql';

export interface ListParams<E> {
  /** Items per page (Move's default is 50). */
  first?: number;
  /** Cursor of the page to start from, exactly as a previous page returned it. */
  after?: string | null;
  sortDirection?: SortDirection;
  expand?: readonly E[];
  /** Safety cap when walking every page. */
  maxPages?: number;
}

/** Move pages hold at most a few hundred items; anything larger is a mistake. */
const MAX_PAGE_SIZE = 1000;

export function pageVariables<E>(params: ListParams<E>, after: string | null | undefined) {
  return {
    first: checkPositiveInt(params.first, 'first', MAX_PAGE_SIZE),
    after: after ?? undefined,
    sortDirection: params.sortDirection,
  };
}
