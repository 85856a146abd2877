import { ConnectionArgs, ConnectionShape, decodeCursor, encodeCursor, pageInfoOf } from './connection';
import { DomainError } from './domain-error';

/**
 * A page of a list that is already in memory or computed rather than queried — an entity's `history` (its status
 * changes, stored inside it), a rota's slots — as a connection like every other list: `items` holds up to
 * `first + 1` items in list order (one more than the page tells that another page follows), `cursorOf` names an
 * item's place in the list. Lists of documents use `paginate` or `childConnection` instead.
 */
export function pageConnection<T>(
  items: readonly T[],
  first: number,
  cursorOf: (item: T, index: number) => string,
  count: () => Promise<number>,
  /** Whether items precede this page (an after cursor was given): Relay's hasPreviousPage. */
  hasPreviousPage = false,
): ConnectionShape<T> {
  const edges = items.slice(0, first).map((node, index) => ({ node, cursor: cursorOf(node, index) }));
  return {
    edges,
    pageInfo: pageInfoOf(edges, items.length > first, hasPreviousPage),
    get totalCount() {
      return count();
    },
  };
}

/** A page of a whole list held in memory, in its order: each cursor is the item's position in the list. */
export function listConnection<T>(items: readonly T[], { first, after }: ConnectionArgs): ConnectionShape<T> {
  const start = after ? positionAfter(after) : 0;
  return pageConnection(
    items.slice(start, start + first + 1),
    first,
    (_, index) => encodeCursor(start + index, 'position'),
    () => Promise.resolve(items.length),
    start > 0,
  );
}

/** The position that follows the item the cursor names; PAGINATION.INVALID_CURSOR for a cursor of another list. */
function positionAfter(after: string): number {
  const { sortValue, id } = decodeCursor(after);
  if (id !== 'position' || typeof sortValue !== 'number' || !Number.isInteger(sortValue) || sortValue < 0)
    throw new DomainError('PAGINATION.INVALID_CURSOR', 'The after cursor is not one this list handed out', { after });
  return sortValue + 1;
}
