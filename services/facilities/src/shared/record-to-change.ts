import type { HydratedDocument, Model } from 'mongoose';

/**
 * The record a mutation changes, as it is now, or `notFound`. Read past the request's DataLoader on purpose: the
 * loader's copy would answer the mutation's own fields with the record as it was before the change.
 */
export async function recordToChange<T>(
  model: Model<T>,
  id: string,
  notFound: (id: string) => Error,
): Promise<HydratedDocument<T>> {
  const record = (await model.findById(id).exec()) as HydratedDocument<T> | null;
  if (!record) throw notFound(id);
  return record;
}
