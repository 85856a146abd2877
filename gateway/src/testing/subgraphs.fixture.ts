/**
 * Tiny in-process federation-2 subgraphs for the gateway's tests, so they need neither MongoDB nor the real services.
 * organization owns OrgUnit (a five-tier tree); facilities owns Lamp and references OrgUnit.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { type PersonAccess, PERSON_ACCESS_PATH } from '@gongzhi/contracts';
import { GraphQLError, parse } from 'graphql';

export const ORGANIZATION_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "区 → 街道 → 社区 → 网格 → 楼栋"
  enum OrgTier {
    DISTRICT
    STREET
    COMMUNITY
    GRID
    BUILDING
  }

  type OrgUnit @key(fields: "id") {
    id: ID!
    name: String!
    tier: OrgTier!
    parent: OrgUnit
  }

  type Query {
    orgUnit(id: ID!): OrgUnit
    orgUnits: [OrgUnit!]
    "Fails with a stack-traced internal error, as a bug would."
    brokenOrgUnit: OrgUnit
  }

  type Mutation {
    moveOrgUnit(id: ID!, parentId: ID!): OrgUnit
  }
`;

export const FACILITIES_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  enum LampStatus {
    ON
    OFF
    FAULTY
  }

  type Lamp @key(fields: "id") {
    id: ID!
    code: String!
    status: LampStatus!
    orgUnit: OrgUnit
  }

  type OrgUnit @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    lamps: [Lamp!]
  }

  type Mutation {
    reportLampFault(lampId: ID!): Lamp
  }
`;

interface OrgUnitRow {
  id: string;
  name: string;
  tier: string;
  parentId?: string;
}

const ORG_UNITS: OrgUnitRow[] = [
  { id: 'ou-1', name: '苏州工业园区', tier: 'DISTRICT' },
  { id: 'ou-2', name: '斜塘街道大工委', tier: 'STREET', parentId: 'ou-1' },
  { id: 'ou-3', name: '星华社区', tier: 'COMMUNITY', parentId: 'ou-2' },
];

const orgUnitById = (id: string | undefined) => ORG_UNITS.find((unit) => unit.id === id) ?? null;

const organizationResolvers = {
  Query: {
    orgUnit: (_: unknown, { id }: { id: string }) => orgUnitById(id),
    orgUnits: () => ORG_UNITS,
    brokenOrgUnit: () => {
      throw new Error('connect ECONNREFUSED 10.0.3.7:27017 (mongodb://orgs:s3cret@10.0.3.7/organization)');
    },
  },
  Mutation: {
    moveOrgUnit: (_: unknown, { id, parentId }: { id: string; parentId: string }) => {
      throw new GraphQLError(`A ${orgUnitById(id)?.tier} unit cannot sit under a ${orgUnitById(parentId)?.tier} unit`, {
        extensions: { code: 'ORG_UNIT.TIER_MISMATCH' },
      });
    },
  },
  OrgUnit: {
    __resolveReference: (ref: { id: string }) => orgUnitById(ref.id),
    parent: (unit: OrgUnitRow) => orgUnitById(unit.parentId),
  },
};

const facilitiesResolvers = {
  Query: {
    lamps: () => [
      { id: 'lamp-1', code: 'XT-0001', status: 'ON', orgUnitId: 'ou-3' },
      { id: 'lamp-2', code: 'XT-0002', status: 'FAULTY', orgUnitId: 'ou-3' },
    ],
  },
  Mutation: {
    reportLampFault: (_: unknown, { lampId }: { lampId: string }) => ({
      id: lampId,
      code: 'XT-0002',
      status: 'FAULTY',
      orgUnitId: 'ou-3',
    }),
  },
  Lamp: {
    orgUnit: (lamp: { orgUnitId: string }) => ({ __typename: 'OrgUnit', id: lamp.orgUnitId }),
  },
};

export interface RunningSubgraph {
  url: string;
  /** Headers of every GraphQL request the subgraph received, oldest first. */
  received: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** People the organization stand-in knows, as its person-access endpoint answers for them. */
export const KNOWN_PEOPLE: Record<string, PersonAccess> = {
  'idp|zhang-wei': {
    subject: 'idp|zhang-wei',
    name: '张伟',
    residentId: null,
    householdId: null,
    roles: [
      {
        role: 'BUILDING_GROUP_LEADER',
        orgUnitId: 'ou-3幢',
        jurisdiction: { communityIds: [], compoundIds: [], buildingIds: ['b-3幢'] },
      },
    ],
  },
};

async function startSubgraph(
  sdl: string,
  resolvers: object,
  routes: (app: express.Express, received: http.IncomingHttpHeaders[]) => void = () => {},
): Promise<RunningSubgraph> {
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
    // As a careless subgraph might: the gateway must still never show a stack trace.
    includeStacktraceInErrorResponses: true,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const received: http.IncomingHttpHeaders[] = [];
  const app = express();
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  routes(app, received);
  app.use(
    '/graphql',
    express.json(),
    (req, _res, next) => {
      received.push(req.headers);
      next();
    },
    expressMiddleware(apollo),
  );
  const server = http.createServer(app);
  const url = await listen(server);
  return {
    url,
    received,
    close: async () => {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export const startOrganizationSubgraph = () =>
  startSubgraph(ORGANIZATION_SDL, organizationResolvers, (app, received) => {
    app.get(`${PERSON_ACCESS_PATH}/:subject`, (req, res) => {
      received.push(req.headers);
      const person = KNOWN_PEOPLE[req.params.subject];
      if (person) res.json(person);
      else res.status(404).json({ message: 'unknown' });
    });
  });
/** `answerAfterMs`: lamps answer that much later, so a request is still in flight when a test needs it to be. */
export const startFacilitiesSubgraph = ({ answerAfterMs = 0 }: { answerAfterMs?: number } = {}) =>
  startSubgraph(FACILITIES_SDL, {
    ...facilitiesResolvers,
    Query: {
      lamps: async () => {
        if (answerAfterMs) await new Promise((resolve) => setTimeout(resolve, answerAfterMs));
        return facilitiesResolvers.Query.lamps();
      },
    },
  });

/** A subgraph that accepts connections and never answers, not even its health check. */
export async function startHangingSubgraph(): Promise<RunningSubgraph> {
  const received: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req) => void received.push(req.headers));
  const url = await listen(server);
  return {
    url,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The URL of a port nothing listens on any more: a subgraph that is down. */
export async function deadSubgraphUrl(): Promise<string> {
  const server = http.createServer();
  const url = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return url;
}
