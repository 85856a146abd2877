import path from 'node:path';
import { parse, validate } from 'graphql';
import { readApiSchema } from '../api/supergraph-schema';
import {
  COMMUNITY_TREE_QUERY,
  DEEP_QUERY,
  ISSUE_API_KEY_MUTATION,
  LIST_QUERY,
  MUTATION,
  NO_DATABASE_QUERY,
  ONE_SUBGRAPH_QUERY,
  PARTNER_UNITS_QUERY,
  REVOKE_API_KEY_MUTATION,
} from './bench-queries';
import { QUERIES as PER_REPLICA_QUERIES } from './per-replica';

/** The bench's operations stay valid against the composed API, so a rename breaks `npm test`, not a bench run. */
describe('the benchmark queries', () => {
  const schema = readApiSchema(path.resolve(__dirname, '../../..'));
  it.each(
    Object.entries({
      ONE_SUBGRAPH_QUERY,
      COMMUNITY_TREE_QUERY,
      NO_DATABASE_QUERY,
      DEEP_QUERY,
      LIST_QUERY,
      MUTATION,
      PARTNER_UNITS_QUERY,
      ISSUE_API_KEY_MUTATION,
      REVOKE_API_KEY_MUTATION,
      ...Object.fromEntries(Object.entries(PER_REPLICA_QUERIES).map(([name, query]) => [`per-replica ${name}`, query])),
    }),
  )('%s is valid against the supergraph', (_name, query) => {
    expect(validate(schema, parse(query)).map((error) => error.message)).toEqual([]);
  });
});
