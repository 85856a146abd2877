import { registerEnumType } from '@nestjs/graphql';

/**
 * A GraphQL enum from one of the contracts' value lists (MATTER_KINDS, VOTING_METHODS…), so the API, the database and
 * the events share one list of values.
 */
export function graphqlEnum<const V extends string>(
  values: readonly V[],
  name: string,
  description: string,
): { [K in V]: K } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in V]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
