import { buildSchema, parse, validate } from 'graphql';
import { useLimits } from './limits';

const schema = buildSchema(`
  type OrgUnit { id: ID! name: String! parent: OrgUnit children(first: Int): [OrgUnit!]! }
  type Query { orgUnit(id: ID!): OrgUnit orgUnits(first: Int): [OrgUnit!]! }
`);

const errorsOf = (query: string, options = {}) =>
  validate(schema, parse(query), useLimits(options).validationRules).map((error) => ({
    message: error.message,
    ...error.extensions,
  }));

describe('useLimits', () => {
  it('accepts an ordinary query', () => {
    expect(errorsOf('{ orgUnit(id: "ou-2") { name parent { name } children(first: 20) { id name } } }')).toEqual([]);
  });

  it('names the limit and its maximum when refusing', () => {
    expect(errorsOf('{ orgUnit(id: "1") { parent { parent { name } } } }', { maxDepth: 2 })).toEqual([
      { message: 'Query depth limit of 2 exceeded, found 4.', limit: 'maxDepth', max: 2 },
    ]);
    expect(errorsOf('{ a: orgUnits { id } b: orgUnits { id } }', { maxAliases: 1 })).toEqual([
      { message: 'Aliases limit of 1 exceeded, found 2.', limit: 'maxAliases', max: 1 },
    ]);
    expect(errorsOf('{ a: __typename b: __typename }', { maxAliases: 1 })).toEqual([
      { message: 'Aliases limit of 1 exceeded, found 2.', limit: 'maxAliases', max: 1 },
    ]);
    expect(errorsOf('{ orgUnits @skip(if: false) @include(if: true) { id } }', { maxDirectives: 1 })).toEqual([
      { message: 'Directives limit of 1 exceeded, found 2.', limit: 'maxDirectives', max: 1 },
    ]);
  });

  it('passes the token limit to the parser', () => {
    expect(useLimits({ maxTokens: 400 }).parseOptions).toEqual({ maxTokens: 400 });
  });
});
