import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type FacilitiesUnderTest, ManualClock, startFacilities } from './facilities.harness';

/**
 * The gateway's supergraph is composed from the committed schema.graphql, so it must be exactly what the subgraph
 * serves. `UPDATE_SCHEMAS=1 npm test -- schema` rewrites it; then `npm run compose` refreshes the supergraph.
 */
const SCHEMA_FILE = path.resolve(__dirname, '..', 'schema.graphql');

describe('the committed facilities schema', () => {
  let facilities: FacilitiesUnderTest;
  beforeAll(async () => (facilities = await startFacilities(new ManualClock(new Date()))));
  afterAll(() => facilities?.stop());

  it('is the SDL the subgraph serves', () => {
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SCHEMA_FILE, facilities.sdl);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== facilities.sdl) {
      throw new Error(
        'services/facilities/schema.graphql is stale: run `UPDATE_SCHEMAS=1 npm test -- schema`, then `npm run compose`',
      );
    }
    expect(committed).toMatch(/type Community\s+@key\(fields: "id"\)/);
    expect(committed).toMatch(/type LampFault\s+@key\(fields: "id"\)/);
  });
});
