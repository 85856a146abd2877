import { Type } from '@nestjs/common';
import { ArgsType, Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Max, Min } from 'class-validator';
import { HydratedDocument, Model, QueryFilter, Types } from 'mongoose';
import { DomainError } from './domain-error';
import { INHERIT_CACHE_HINT } from './entity-cache-hints';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

// Every subgraph's lists return it: shareable, so the supergraph may take it from any of them.
@ObjectType({
  description: 'Where this page lies in the list (Relay cursor connections): page on with after: endCursor.',
})
@Directive('@shareable')
@Directive(INHERIT_CACHE_HINT)
export class PageInfo {
  @Field({ description: 'Whether more edges follow this page: ask again with after: endCursor.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      'Whether edges precede this page: true when an after cursor was given and an edge at or before it is still in the list; false on the first page. Lists here page forwards only (first/after), so go back with an earlier cursor.',
  })
  hasPreviousPage!: boolean | Promise<boolean>;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the first edge on this page; null when it is empty.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last edge on this page; null when it is empty.',
  })
  endCursor!: string | null;
}

/** Relay-style paging arguments shared by every list: `first` ≤ 100 and an opaque `after` cursor. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  after?: string;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  /** A getter: it runs its count query only when a client asks for totalCount, so unasked counts cost nothing. */
  readonly totalCount: number | Promise<number>;
}

export interface ConnectionOptions {
  /**
   * The node type carries a `@cacheControl` hint: the edges take their field's (the connection class then carries
   * `@Directive(INHERIT_CACHE_HINT)` too). Without it a list is never kept, even an empty one.
   */
  cacheable?: boolean;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T>(
  nodeType: Type<T>,
  name: string = nodeType.name,
  { cacheable = false }: ConnectionOptions = {},
): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  @(cacheable ? Directive(INHERIT_CACHE_HINT) : () => undefined)
  class Edge {
    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;

    @Field({ description: 'Opaque: pass it as after to get what follows this edge.' })
    cursor!: string;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'This page, in the order of the list.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page lies in the list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many there are in the whole list, over all pages.' })
    totalCount!: number | Promise<number>;
  }
  return ConnectionType;
}

type Sortable = string | number | Date;

/** Cursors are opaque to clients: the sort value and the id of the last node, base64url-encoded. */
export function encodeCursor(sortValue: Sortable, id: string): string {
  const value = sortValue instanceof Date ? { d: sortValue.toISOString() } : sortValue;
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { sortValue: Sortable; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const sortValue = value && typeof value === 'object' && 'd' in value ? new Date(String(value.d)) : value;
    if (typeof id !== 'string' || (!['string', 'number'].includes(typeof sortValue) && !(sortValue instanceof Date)))
      throw new Error();
    return { sortValue: sortValue as Sortable, id };
  } catch {
    throw new DomainError('PAGINATION.INVALID_CURSOR', 'The after cursor is not one this list handed out', {
      after: cursor,
    });
  }
}

export interface PaginateOptions {
  /** A field that, together with _id, orders the list stably (index it). Defaults to _id alone. */
  sortBy?: string;
  direction?: 1 | -1;
}

/**
 * Keyset pagination over a mongoose model: stable under inserts, one query per page (plus a count only when
 * asked). Fetches one extra document to know whether another page follows.
 */
export async function paginate<T>(
  model: Model<T>,
  filter: QueryFilter<T>,
  args: ConnectionArgs,
  options: PaginateOptions = {},
  count: () => Promise<number> = () => model.countDocuments(filter).exec(),
): Promise<ConnectionShape<HydratedDocument<T>>> {
  const docs = (await model
    .find(keysetFilter(filter, args.after, options))
    .sort(keysetSort(options))
    .limit(args.first + 1)
    .exec()) as HydratedDocument<T>[];
  // Relay: with first/after, hasPreviousPage is true when edges precede `after`; asked for only when a client selects it.
  const hasPreviousPage = args.after
    ? () => model.exists(keysetFilter(filter, args.after, { ...options, upTo: true })).then(Boolean)
    : false;
  return toConnection(docs, args.first, options, count, hasPreviousPage);
}

/**
 * `filter` narrowed to what comes after the cursor in the list's order, or with `upTo` to what comes before it and
 * the cursor's own node (the edges a page after that cursor has before it).
 */
export function keysetFilter<T>(
  filter: QueryFilter<T>,
  after: string | undefined,
  { sortBy = '_id', direction = 1, upTo = false }: PaginateOptions & { upTo?: boolean },
): QueryFilter<T> {
  if (!after) return filter;
  const { sortValue, id } = decodeCursor(after);
  const comparison = (direction === 1) !== upTo ? '$gt' : '$lt';
  const idComparison = upTo ? `${comparison}e` : comparison;
  const objectId = Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : id;
  const keyset =
    sortBy === '_id'
      ? { _id: { [idComparison]: objectId } }
      : {
          $or: [{ [sortBy]: { [comparison]: sortValue } }, { [sortBy]: sortValue, _id: { [idComparison]: objectId } }],
        };
  return { $and: [filter, keyset] };
}

export function keysetSort({ sortBy = '_id', direction = 1 }: PaginateOptions): Record<string, 1 | -1> {
  return sortBy === '_id' ? { _id: direction } : { [sortBy]: direction, _id: direction };
}

/** What the helpers need of a hydrated mongoose document. */
export interface PageableDocument {
  _id: unknown;
  get(path: string): unknown;
}

/**
 * Turns up to first + 1 documents, in list order, into a connection. `hasPreviousPage` is false for a first page; for
 * a later one, a function that finds out, run only when a client asks for it.
 */
export function toConnection<D extends PageableDocument>(
  docs: D[],
  first: number,
  { sortBy = '_id' }: PaginateOptions,
  count: () => Promise<number>,
  hasPreviousPage: boolean | (() => Promise<boolean>) = false,
): ConnectionShape<D> {
  const edges = docs.slice(0, first).map((node) => ({
    node,
    cursor: encodeCursor(sortBy === '_id' ? String(node._id) : (node.get(sortBy) as Sortable), String(node._id)),
  }));
  return {
    edges,
    pageInfo: pageInfoOf(edges, docs.length > first, hasPreviousPage),
    get totalCount() {
      return count();
    },
  };
}

/** The PageInfo of a page of edges; a function for hasPreviousPage runs only when a client selects that field. */
export function pageInfoOf(
  edges: { cursor: string }[],
  hasNextPage: boolean,
  hasPreviousPage: boolean | (() => Promise<boolean>) = false,
): PageInfo {
  return {
    hasNextPage,
    get hasPreviousPage() {
      return typeof hasPreviousPage === 'function' ? hasPreviousPage() : hasPreviousPage;
    },
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

/**
 * A connection over a list already in memory (an array embedded in a document: a grid cell's role holders, a partner's
 * agreements), paged like the others: ordered by `keyOf` (its sort value, then its id), `after` a cursor it handed out.
 */
export function arrayConnection<T>(
  items: readonly T[],
  { first, after }: ConnectionArgs,
  keyOf: (item: T) => { sortValue: string | number | Date; id: string },
): ConnectionShape<T> {
  const keyed = items.map((item) => ({ item, ...keyOf(item) })).sort((a, b) => compareKeys(a, b));
  const cursor = after ? decodeCursor(after) : null;
  const rest = cursor ? keyed.filter((entry) => compareKeys(entry, cursor) > 0) : keyed;
  const edges = rest
    .slice(0, first)
    .map((entry) => ({ node: entry.item, cursor: encodeCursor(entry.sortValue, entry.id) }));
  return {
    edges,
    pageInfo: pageInfoOf(edges, rest.length > first, rest.length < keyed.length),
    totalCount: items.length,
  };
}

function compareKeys(a: { sortValue: Sortable; id: string }, b: { sortValue: Sortable; id: string }): number {
  const [x, y] = [a.sortValue, b.sortValue].map((value) => (value instanceof Date ? value.getTime() : value));
  if (x !== y) return x < y ? -1 : 1;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}
