import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  getNamedType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';
import { readSubgraphs } from './compose';

/**
 * Issue 12, "partial data, never less": a field one subgraph adds to another subgraph's entity (facilities' `lamps`
 * on organization's `Community`) must be nullable. Non-null, the gateway nulls the whole entity when that subgraph is
 * down, and the owner's healthy fields are lost with it.
 */
interface Contribution {
  type: string;
  field: string;
  subgraph: string;
  nullable: boolean;
}

/** A query's result type, seen through a Relay connection (`edges { node }`) to the entity it lists. */
function entityOf(type: GraphQLNamedType): GraphQLNamedType {
  if (!isObjectType(type)) return type;
  const edges = type.getFields().edges;
  const node = edges && getNamedType(edges.type);
  return node && isObjectType(node) && node.getFields().node ? getNamedType(node.getFields().node.type) : type;
}

/** Entity types (with @key) each subgraph declares, and which subgraph owns each: the one whose queries return it. */
function contributions(subgraphs: { name: string; schema: GraphQLSchema; entities: Set<string> }[]): Contribution[] {
  const owner = new Map<string, string>();
  for (const { name, schema } of subgraphs) {
    for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
      if (field.name.startsWith('_')) continue;
      owner.set(entityOf(getNamedType(field.type)).name, name);
    }
  }
  const found: Contribution[] = [];
  for (const { name, schema, entities } of subgraphs) {
    for (const typeName of entities) {
      const type = schema.getType(typeName);
      const typeOwner = owner.get(typeName);
      if (!isObjectType(type) || !typeOwner || typeOwner === name) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.name === 'id') continue;
        found.push({ type: typeName, field: field.name, subgraph: name, nullable: !isNonNullType(field.type) });
      }
    }
  }
  return found;
}

describe("fields a subgraph contributes to another subgraph's entity", () => {
  let found: Contribution[];

  beforeAll(async () => {
    const subgraphs = (await readSubgraphs()).map(({ name, sdl }) => {
      const document = parse(sdl);
      const entities = new Set(
        document.definitions.flatMap((definition) =>
          definition.kind === Kind.OBJECT_TYPE_DEFINITION &&
          definition.directives?.some((directive) => directive.name.value === 'key')
            ? [definition.name.value]
            : [],
        ),
      );
      return { name, schema: buildSubgraphSchema(document), entities };
    });
    found = contributions(subgraphs);
  });

  it('are found: the lists facilities, services and deliberation add to organization’s places', () => {
    const names = found.map(({ type, field, subgraph }) => `${subgraph}: ${type}.${field}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'facilities: Community.lamps',
        'services: Community.careItems',
        'deliberation: Community.motions',
        'services: Resident.careOrders',
      ]),
    );
  });

  it('are all nullable, so a dead subgraph costs only its own fields', () => {
    expect(
      found.filter(({ nullable }) => !nullable).map(({ type, field, subgraph }) => `${subgraph}: ${type}.${field}`),
    ).toEqual([]);
  });
});
