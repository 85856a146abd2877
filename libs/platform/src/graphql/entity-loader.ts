import { HydratedDocument, Model, Types } from 'mongoose';
import { RequestLoaders, byKeys } from './request-loaders';

/**
 * Loads documents of `model` by id through the request's DataLoader, so every parent, reference and
 * `_entities` lookup of one request costs one `find` per model, however many items ask.
 */
export function loadById<T>(
  loaders: RequestLoaders,
  model: Model<T>,
  id: unknown,
): Promise<HydratedDocument<T> | null> {
  if (id === null || id === undefined) return Promise.resolve(null);
  return entityLoader(loaders, model).load(String(id));
}

/** Like loadById, but a missing document is the error `notFound` makes (CARE_ORDER.NOT_FOUND…). */
export async function requireById<T>(
  loaders: RequestLoaders,
  model: Model<T>,
  id: string,
  notFound: (id: string) => Error,
): Promise<HydratedDocument<T>> {
  const doc = await loadById(loaders, model, id);
  if (!doc) throw notFound(id);
  return doc;
}

export async function loadManyById<T>(
  loaders: RequestLoaders,
  model: Model<T>,
  ids: unknown[],
): Promise<HydratedDocument<T>[]> {
  const docs = await entityLoader(loaders, model).loadMany(ids.map(String));
  return docs.filter((doc): doc is HydratedDocument<T> => doc !== null && !(doc instanceof Error));
}

function entityLoader<T>(loaders: RequestLoaders, model: Model<T>) {
  return loaders.get<string, HydratedDocument<T> | null>(`${model.modelName}.byId`, async (ids) => {
    const valid = ids.filter((id) => Types.ObjectId.isValid(id));
    const docs = (await model.find({ _id: { $in: valid } }).exec()) as HydratedDocument<T>[];
    return byKeys(ids, docs, (doc) => String(doc._id));
  });
}
