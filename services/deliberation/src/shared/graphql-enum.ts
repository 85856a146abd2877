import { registerEnumType } from '@nestjs/graphql';

/**
 * A GraphQL enum from one of the contracts' value lists (MATTER_KINDS, VOTING_METHODS…), so the API, the database and
 * the events share one list of values; `valueDescriptions` describes each value in the schema.
 */
export function graphqlEnum<const V extends string>(
  values: readonly V[],
  name: string,
  description: string,
  valueDescriptions: { [K in V]: string },
): { [K in V]: K } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in V]: K };
  const valuesMap = Object.fromEntries(values.map((value) => [value, { description: valueDescriptions[value] }])) as {
    [K in V]: { description: string };
  };
  registerEnumType(enumObject, { name, description, valuesMap });
  return enumObject;
}
