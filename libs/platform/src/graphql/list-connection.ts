import type { ConnectionArgs, ConnectionShape } from './connection';
import { decodeCursor, encodeCursor } from './connection';
import { DomainError } from './domain-error';

/**
 * A page of a list held in memory — an embedded array such as a motion's history or amendments, bounded and in a fixed
 * order where items are only ever appended — as a connection. Cursors are positions in the list, opaque to clients
 * like every other cursor; one that points past the list's end answers PAGINATION.INVALID_CURSOR.
 */
export function listConnection<T>(items: readonly T[], { first, after }: ConnectionArgs): ConnectionShape<T> {
  let start = 0;
  if (after) {
    const { sortValue } = decodeCursor(after);
    if (typeof sortValue !== 'number' || !Number.isInteger(sortValue) || sortValue < 0 || sortValue >= items.length)
      throw new DomainError('PAGINATION.INVALID_CURSOR', 'The after cursor is not one this list handed out', {
        after,
      });
    start = sortValue + 1;
  }
  const edges = items
    .slice(start, start + first)
    .map((node, offset) => ({ node, cursor: encodeCursor(start + offset, String(start + offset)) }));
  return {
    edges,
    pageInfo: { hasNextPage: start + first < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: items.length,
  };
}
