/** A GraphQL response body as a test reads it. */
export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** The data of a result that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The extensions.code of each error, for asserting refusals. */
export const errorCodes = (result: GraphQLResult) => (result.errors ?? []).map((error) => error.extensions?.code);

/** A query's answer reduced to what could tell "not yours" from "not found": its data and its error codes. */
export const answerOf = (result: GraphQLResult) => ({ data: result.data ?? null, codes: errorCodes(result) });

/** A well-formed id (a MongoDB ObjectId) that names nothing, for asking after what does not exist. */
export const NO_SUCH_ID = '64b000000000000000000000';

/** The answer to a query by id (`field`) for an id that does not exist; where existence is private, "not yours" too. */
export const notFound = (field: string) => ({ data: { [field]: null }, codes: [] as (string | undefined)[] });
