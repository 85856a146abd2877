import { type ConnectionArgs, type ConnectionShape, decodeCursor, encodeCursor } from './connection';
import { DomainError } from './domain-error';

/** What a list position's cursor carries beside the position, so a keyset cursor of another list is refused. */
const POSITION = 'position';

/**
 * A page of a list held inside one document — a state machine's history, a ledger's shares, the ids a record names —
 * as a connection: no query per page, `totalCount` for free. The cursor is the node's position in the list (opaque to
 * clients, like every cursor), so the list must only grow at its end, as histories do, or not change at all.
 */
export function listConnection<T>(items: readonly T[], { first, after }: ConnectionArgs): ConnectionShape<T> {
  const start = after === undefined ? 0 : positionOf(after) + 1;
  const edges = items
    .slice(start, start + first)
    .map((node, index) => ({ node, cursor: encodeCursor(start + index, POSITION) }));
  // Not an object literal in place, so this stays assignable while PageInfo grows fields (hasPreviousPage…).
  const pageInfo = {
    hasNextPage: start + first < items.length,
    hasPreviousPage: start > 0,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return { edges, pageInfo, totalCount: items.length };
}

function positionOf(after: string): number {
  const { sortValue, id } = decodeCursor(after);
  if (id !== POSITION || typeof sortValue !== 'number' || !Number.isSafeInteger(sortValue) || sortValue < 0)
    throw new DomainError('PAGINATION.INVALID_CURSOR', 'The after cursor is not one this list handed out', { after });
  return sortValue;
}
