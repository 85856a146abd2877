import { HydratedDocument, Model, QueryFilter, Types } from 'mongoose';
import {
  ConnectionArgs,
  ConnectionShape,
  PaginateOptions,
  keysetFilter,
  keysetSort,
  paginate,
  toConnection,
} from './connection';
import { RequestLoaders } from './request-loaders';

/**
 * A connection of children under a parent (Community.compounds, Building.households) without N+1 queries:
 * every parent asking for the same page shape in one request is served by ONE aggregate that sorts the
 * children and keeps the first n + 1 per parent ($firstN), and every totalCount asked for by one $group.
 * `parentField` may also hold an array of parent ids (a care item offered by several providers), or be a path through
 * an array of subdocuments (a meeting's `agenda.motionId`): the child then appears under each of them, once however
 * often it names the same parent.
 */
export function childConnection<T>(
  loaders: RequestLoaders,
  model: Model<T>,
  parentField: string,
  parentId: string,
  args: ConnectionArgs,
  options: PaginateOptions & {
    filter?: QueryFilter<T>;
    /** The parent field holds ids as strings (deliberation's copies of organization's places), not ObjectIds. */
    stringIds?: boolean;
  } = {},
): Promise<ConnectionShape<HydratedDocument<T>>> {
  const { filter = {}, stringIds = false, ...order } = options;
  // An aggregate's $match is not cast by mongoose: compare ids as the collection stores them.
  const toParentId: (id: string) => unknown = stringIds ? (id) => String(id) : asObjectId;
  const scope = `${model.modelName}.${parentField}:${JSON.stringify(filter)}`;
  const ownFilter = { ...filter, [parentField]: toParentId(parentId) } as QueryFilter<T>;
  // The parent ids a child names, each once: an array (deduplicated) or a single id as it is.
  const parentIdsOf = {
    $cond: [{ $isArray: `$${parentField}` }, { $setUnion: [`$${parentField}`, []] }, `$${parentField}`],
  };
  const count = () =>
    loaders
      .get<string, number>(`count:${scope}`, async (parentIds) => {
        const inParents = { $in: parentIds.map(toParentId) };
        const rows = await model.aggregate<{ _id: unknown; n: number }>([
          { $match: { ...filter, [parentField]: inParents } },
          // A no-op on a single id; splits an array of parent ids into one row per parent.
          { $project: { parentId: parentIdsOf } },
          { $unwind: '$parentId' },
          { $match: { parentId: inParents } },
          { $group: { _id: '$parentId', n: { $sum: 1 } } },
        ]);
        const counts = new Map(rows.map((row) => [String(row._id), row.n]));
        return parentIds.map((id) => counts.get(String(id)) ?? 0);
      })
      .load(parentId);
  // A later page belongs to one parent only: nothing to batch.
  if (args.after) return paginate(model, ownFilter, args, order, count);

  return loaders
    .get<string, HydratedDocument<T>[]>(`page:${scope}:${args.first}:${JSON.stringify(order)}`, async (parentIds) => {
      const inParents = { $in: parentIds.map(toParentId) };
      const groups = await model.aggregate<{ _id: unknown; docs: Record<string, unknown>[] }>([
        { $match: { ...keysetFilter(filter, undefined, order), [parentField]: inParents } },
        { $sort: keysetSort(order) },
        // The whole document is kept aside, so unwinding an array of parent ids leaves the array intact in it.
        { $project: { parentId: parentIdsOf, doc: '$$ROOT' } },
        { $unwind: '$parentId' },
        { $match: { parentId: inParents } },
        { $group: { _id: '$parentId', docs: { $firstN: { input: '$doc', n: args.first + 1 } } } },
      ]);
      const byParent = new Map(
        groups.map((group) => [String(group._id), group.docs.map((doc) => model.hydrate(doc) as HydratedDocument<T>)]),
      );
      return parentIds.map((id) => byParent.get(String(id)) ?? []);
    })
    .load(parentId)
    .then((docs) => toConnection(docs, args.first, order, count));
}

/** The ObjectId an id string spells, or the string itself when it is some other kind of id. */
export function asObjectId(id: string): unknown {
  return Types.ObjectId.isValid(id) && String(new Types.ObjectId(id)) === id ? new Types.ObjectId(id) : id;
}
