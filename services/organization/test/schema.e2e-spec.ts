import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OrganizationUnderTest, startOrganizationBehindGateway } from './organization.harness';

/**
 * The gateway's supergraph is composed from the committed schema.graphql, so it must be exactly what the subgraph
 * serves. `UPDATE_SCHEMAS=1 npm test -- schema` rewrites it; then `npm run compose` refreshes the supergraph.
 */
const SCHEMA_FILE = path.resolve(__dirname, '..', 'schema.graphql');

describe('the committed organization schema', () => {
  let org: OrganizationUnderTest;
  beforeAll(async () => (org = await startOrganizationBehindGateway()));
  afterAll(() => org?.stop());

  it('is the SDL the subgraph serves', () => {
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SCHEMA_FILE, org.sdl);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== org.sdl) {
      throw new Error(
        'services/organization/schema.graphql is stale: run `UPDATE_SCHEMAS=1 npm test -- schema`, then `npm run compose`',
      );
    }
    expect(committed).toMatch(/type OrgUnit\s+@key\(fields: "id"\)/);
  });
});
