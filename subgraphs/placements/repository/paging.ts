import type { CursorCodec, CursorKey } from '#kernel/cursor';

/** A page request of a listing: how many, and where to resume. */
export interface PageRequest {
  limit: number;
  startKey?: CursorKey;
}

/**
 * The page request of a connection's `first`/`after`, the cursor checked against the
 * listing's scope (a cursor of another listing is refused).
 *
 * @param cursors - the request's cursor codec
 * @param scope - the listing, e.g. `YOUTH#y-1#PLACEMENTS`
 * @param first - the page size, already validated
 * @param after - the cursor, if any
 */
export function pageRequest(
  cursors: CursorCodec,
  scope: string,
  first: number,
  after: string | null | undefined,
): PageRequest {
  return after ? { limit: first, startKey: cursors.decode(after, scope) } : { limit: first };
}
