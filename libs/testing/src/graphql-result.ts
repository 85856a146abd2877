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
