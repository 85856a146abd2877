import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadDemoData } from '../src/demo/load-demo-data';
import { PersonalDataCipher } from '../src/personal-data/personal-data-cipher';
import { type GatewaysInFront, startGatewaysInFront } from '@gongzhi/testing';
import { type OrganizationUnderTest, startOrganizationBehindGateway } from './organization.harness';

/**
 * Issue 12, "partial data, never less", end to end: organization is up, and each other subgraph in turn is down (its
 * committed schema in the supergraph, nothing listening at its URL). A query for a community gets organization's
 * fields and an error for the dead subgraph's list, never a null community.
 */
async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

const committedSchema = (subgraph: string) =>
  readFileSync(path.resolve(__dirname, '..', '..', subgraph, 'schema.graphql'), 'utf8');

const CASES = [
  { subgraph: 'facilities', field: 'lamps', query: 'lamps(first: 5) { totalCount } rooms(first: 5) { totalCount }' },
  {
    subgraph: 'services',
    field: 'careItems',
    query: 'careItems(first: 5) { totalCount } careProviders(first: 5) { totalCount }',
  },
  { subgraph: 'deliberation', field: 'motions', query: 'motions(first: 5) { totalCount }' },
];

describe('partial data, never less', () => {
  let org: OrganizationUnderTest;
  let communityId: string;

  beforeAll(async () => {
    org = await startOrganizationBehindGateway();
    await loadDemoData(org.connection, org.app.get(PersonalDataCipher), () => undefined);
    communityId = String((await org.connection.collection('communities').findOne({ name: '淞源社区' }))!._id);
  });
  afterAll(async () => {
    await org?.stop();
  });

  describe.each(CASES)('with $subgraph down', ({ subgraph, field, query }) => {
    let gw: GatewaysInFront;
    beforeAll(async () => {
      gw = await startGatewaysInFront(org, [{ name: subgraph, sdl: committedSchema(subgraph), url: await deadUrl() }]);
    });
    afterAll(async () => {
      await gw?.stop();
    });

    it(`a community still comes with organization's fields, and ${subgraph}'s fields are null with an error`, async () => {
      const { status, body } = await gw.post(`query($id: ID!) { community(id: $id) { id name street ${query} } }`, {
        id: communityId,
      });
      expect(status).toBe(200);
      expect(body.data?.community).toEqual(
        expect.objectContaining({ id: communityId, name: '淞源社区', street: expect.any(String), [field]: null }),
      );
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors!) {
        expect(error.extensions).toEqual(
          expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph }),
        );
      }
    });
  });
});
