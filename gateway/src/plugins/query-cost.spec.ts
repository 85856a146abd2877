import { buildSchema, parse } from 'graphql';
import { actualQueryCost, requestedQueryCost, UNPAGED_LIST_SIZE } from './query-cost';

/** 社区 → 小区 → 楼栋 as Relay connections (default page 20), with a plain list and a union beside them. */
const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Building { id: ID! name: String! managers: [Person!]! }
  type BuildingEdge { cursor: String! node: Building! }
  type BuildingConnection { edges: [BuildingEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Compound { id: ID! name: String! buildings(first: Int! = 20, after: String): BuildingConnection! }
  type CompoundEdge { node: Compound! }
  type CompoundConnection { edges: [CompoundEdge!]! nodes: [Compound!]! pageInfo: PageInfo! }
  type Community { id: ID! name: String! compounds(first: Int = 20, last: Int): CompoundConnection! }
  type CommunityEdge { node: Community! }
  type CommunityConnection { edges: [CommunityEdge!]! }
  type Person { name: String! }
  union Place = Community | Compound
  type Query {
    communities(first: Int! = 20): CommunityConnection!
    community(id: ID!): Community
    places: [Place!]!
  }
  type Mutation { renameCommunity(id: ID!, name: String!): Community }
`);

const cost = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  requestedQueryCost(schema, parse(query), operationName, variables);

describe('requestedQueryCost', () => {
  it('counts the nodes a tree can return: 20 社区 + 20 × 20 小区 + 20 × 20 × 20 楼栋', () => {
    const tree =
      '{ communities { edges { node { name compounds { edges { node { name buildings { edges { node { name } } } } } } } } } }';
    expect(cost(tree)).toBe(8_420);
    // Spelled out, or through variables, the same figure.
    expect(
      cost(
        '{ communities(first: 20) { edges { node { compounds(first: 20) { nodes { buildings(first: 20) { edges { node { id } } } } } } } } }',
      ),
    ).toBe(8_420);
    expect(
      cost('query($n: Int!) { communities(first: $n) { edges { node { compounds(first: $n) { nodes { id } } } } } }', {
        n: 100,
      }),
    ).toBe(100 + 100 * 100);
  });

  it('counts neither the connection, its edges nor pageInfo as nodes, and scalars not at all', () => {
    expect(cost('{ community(id: "c-淞源社区") { name compounds(first: 5) { pageInfo { hasNextPage } } } }')).toBe(1);
    expect(cost('{ community(id: "c-淞源社区") { compounds(first: 5) { edges { node { id } } } } }')).toBe(1 + 5);
    expect(cost('{ community(id: "c-淞源社区") { compounds(first: 0) { nodes { id } } } }')).toBe(1);
  });

  it('takes the larger of first and last, and a negative one as none', () => {
    expect(cost('{ community(id: "1") { compounds(first: 3, last: 7) { nodes { id } } } }')).toBe(1 + 7);
    expect(cost('{ community(id: "1") { compounds(first: -5) { nodes { id } } } }')).toBe(1);
  });

  it(`counts a list without first/last as ${UNPAGED_LIST_SIZE} items, and each item's nodes under it`, () => {
    expect(
      cost(
        '{ community(id: "1") { compounds(first: 2) { nodes { buildings(first: 3) { edges { node { managers { name } } } } } } } }',
      ),
    ).toBe(1 + 2 + 2 * 3 + 2 * 3 * UNPAGED_LIST_SIZE);
  });

  it('adds up fragments, named and inline, also on a union', () => {
    const query = `
      query { places { ... on Community { name compounds(first: 2) { nodes { id } } } ...compound } }
      fragment compound on Compound { buildings(first: 3) { edges { node { id } } } }`;
    expect(cost(query)).toBe(UNPAGED_LIST_SIZE + UNPAGED_LIST_SIZE * 2 + UNPAGED_LIST_SIZE * 3);
  });

  it('keeps introspection and __typename free, and costs the operation asked for by name', () => {
    expect(cost('{ __schema { types { name fields { name type { name ofType { name } } } } } }')).toBe(0);
    expect(cost('{ __typename community(id: "1") { __typename } }')).toBe(1);
    const document =
      'query Small { community(id: "1") { id } } query Big { communities(first: 50) { edges { node { id } } } }';
    expect(cost(document, {}, 'Small')).toBe(1);
    expect(cost(document, {}, 'Big')).toBe(50);
    expect(cost('mutation { renameCommunity(id: "1", name: "淞源社区") { id } }')).toBe(1);
  });
});

describe('requestedQueryCost of one document asked again (remembered per document)', () => {
  it('follows the page-size variables, the operation named and the schema, and nothing else', () => {
    const document = parse(`
      query Tree($n: Int!, $name: String) { communities(first: $n) { edges { node { name compounds(first: 5) { nodes { id } } } } } }
      query One { community(id: "c-淞源社区") { name } }
    `);
    const asked = (variables: Record<string, unknown>, operationName = 'Tree') =>
      requestedQueryCost(schema, document, operationName, variables);
    expect(asked({ n: 100, name: '淞源' })).toBe(100 + 100 * 5);
    expect(asked({ n: 10, name: '淞源' })).toBe(10 + 10 * 5);
    // Another value of a variable that is not a page size is the same figure; the page size's own value still counts.
    expect(asked({ n: 100, name: '星华' })).toBe(100 + 100 * 5);
    expect(asked({ n: 2 })).toBe(2 + 2 * 5);
    expect(asked({}, 'One')).toBe(1);
    // Another schema, where communities is a plain list without edges: its own figure, not the first schema's.
    const other = buildSchema(`
      type Community { name: String! }
      type Query { communities(first: Int!): [Community!]! community(id: ID!): Community }
    `);
    expect(requestedQueryCost(other, document, 'Tree', { n: 100 })).toBe(100);
    expect(requestedQueryCost(schema, document, 'Tree', { n: 3 })).toBe(3 + 3 * 5);
  });
});

describe('actualQueryCost', () => {
  it('counts the nodes the data holds, by the same rules', () => {
    const query =
      '{ communities { edges { node { name compounds { edges { node { name } } pageInfo { hasNextPage } } } } } }';
    const data = {
      communities: {
        edges: [
          {
            node: {
              name: '淞源社区',
              compounds: {
                edges: [{ node: { name: '淞泽家园七区' } }, { node: { name: '淞泽家园八区' } }],
                pageInfo: { hasNextPage: false },
              },
            },
          },
          { node: { name: '梅淞社区', compounds: { edges: [], pageInfo: { hasNextPage: false } } } },
        ],
      },
    };
    expect(actualQueryCost(schema, parse(query), undefined, data)).toBe(2 + 2);
    expect(actualQueryCost(schema, parse('{ community(id: "x") { name } }'), undefined, { community: null })).toBe(0);
  });
});
