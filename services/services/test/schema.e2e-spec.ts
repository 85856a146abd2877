import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ServicesUnderTest, startServicesSubgraph } from './services.harness';

/**
 * The gateway's supergraph is composed from the committed schema.graphql, so it must be exactly what the subgraph
 * serves. `UPDATE_SCHEMAS=1 npm test -- schema` rewrites it; then `npm run compose` refreshes the supergraph.
 */
const SCHEMA_FILE = path.resolve(__dirname, '..', 'schema.graphql');

describe('the committed services schema', () => {
  let services: ServicesUnderTest;
  beforeAll(async () => (services = await startServicesSubgraph()));
  afterAll(() => services?.stop());

  it('is the SDL the subgraph serves', () => {
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SCHEMA_FILE, services.sdl);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== services.sdl) {
      throw new Error(
        'services/services/schema.graphql is stale: run `UPDATE_SCHEMAS=1 npm test -- schema`, then `npm run compose`',
      );
    }
    expect(committed).toMatch(/type Resident\s+@key\(fields: "id"\)/);
  });
});
