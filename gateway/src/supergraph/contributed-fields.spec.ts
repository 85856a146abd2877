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

interface Subgraph {
  name: string;
  schema: GraphQLSchema;
  entities: Set<string>;
}

/** Which subgraph owns each entity: the one whose queries return it. */
function owners(subgraphs: Subgraph[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const { name, schema } of subgraphs) {
    for (const field of rootFields(schema)) owner.set(entityOf(getNamedType(field.type)).name, name);
  }
  return owner;
}

/** A subgraph's own queries (not federation's `_entities` and `_service`). */
function rootFields(schema: GraphQLSchema) {
  return Object.values(schema.getQueryType()?.getFields() ?? {}).filter((field) => !field.name.startsWith('_'));
}

/** Entity types (with @key) each subgraph declares, and the fields it adds to those another subgraph owns. */
function contributions(subgraphs: Subgraph[]): Contribution[] {
  const owner = owners(subgraphs);
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

/**
 * Fields of a subgraph's own types that hand out another subgraph's entity (facilities' `Lamp.community`): the owner
 * fills in everything but the key, so with the owner down the gateway has nothing for a non-null field and nulls the
 * lamp, and the lamps list with it.
 */
function references(subgraphs: Subgraph[]): Contribution[] {
  const owner = owners(subgraphs);
  const found: Contribution[] = [];
  for (const { name, schema } of subgraphs) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('_') || type.name === 'Query') continue;
      for (const field of Object.values(type.getFields())) {
        const target = getNamedType(field.type).name;
        const targetOwner = owner.get(target);
        if (!targetOwner || targetOwner === name) continue;
        found.push({ type: type.name, field: field.name, subgraph: name, nullable: !isNonNullType(field.type) });
      }
    }
  }
  return found;
}

const named = ({ type, field, subgraph }: Contribution) => `${subgraph}: ${type}.${field}`;

/** The committed schemas, each with the entity types (with @key) it declares. */
async function loadSubgraphs(): Promise<Subgraph[]> {
  return (await readSubgraphs()).map(({ name, sdl }) => {
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
}

describe("fields a subgraph contributes to another subgraph's entity", () => {
  let found: Contribution[];

  beforeAll(async () => {
    found = contributions(await loadSubgraphs());
  });

  it('are found: the lists facilities, services and deliberation add to organization’s places', () => {
    expect(found.map(named)).toEqual(
      expect.arrayContaining([
        'facilities: Community.lamps',
        'services: Community.careItems',
        'deliberation: Community.motions',
        'services: Resident.careOrders',
      ]),
    );
  });

  it('are all nullable, so a dead subgraph costs only its own fields', () => {
    expect(found.filter(({ nullable }) => !nullable).map(named)).toEqual([]);
  });
});

describe('what a dead subgraph could null beyond its own fields', () => {
  let subgraphs: Subgraph[];

  beforeAll(async () => {
    subgraphs = await loadSubgraphs();
  });

  it('no root query is non-null: one non-null query of a dead subgraph nulls the whole answer', () => {
    const nonNull = subgraphs.flatMap(({ name, schema }) =>
      rootFields(schema)
        .filter((field) => isNonNullType(field.type))
        .map((field) => `${name}: Query.${field.name}`),
    );
    expect(nonNull).toEqual([]);
  });

  it('are found: the places and people facilities, services and deliberation hand out', () => {
    expect(references(subgraphs).map(named)).toEqual(
      expect.arrayContaining([
        'facilities: Lamp.community',
        'services: CareItem.community',
        'services: SessionBooking.resident',
        'deliberation: Motion.community',
        'deliberation: Voter.households',
      ]),
    );
  });

  it("every field handing out another subgraph's entity is nullable, so its owner's outage nulls only that field", () => {
    expect(
      references(subgraphs)
        .filter(({ nullable }) => !nullable)
        .map(named),
    ).toEqual([]);
  });
});
