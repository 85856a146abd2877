import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { checkConventions, type ConventionRule } from './conventions';
import { readApiSchema } from './supergraph-schema';

const repoRoot = path.resolve(__dirname, '../../..');
/** Where today's schema departs from docs/api-conventions.md: the renames the next session makes. May only shrink. */
const exceptions = JSON.parse(
  readFileSync(path.join(repoRoot, 'gateway/supergraph/conventions-exceptions.json'), 'utf8'),
) as Record<ConventionRule, string[]>;

describe('the API conventions (docs/api-conventions.md) on the composed supergraph', () => {
  const found = checkConventions(readApiSchema(repoRoot));

  it.each(Object.keys(found) as ConventionRule[])(
    '%s: no departure beyond the known exceptions, and none of those already fixed',
    (rule) => {
      // A new departure: follow the convention. A fixed one: remove it from conventions-exceptions.json.
      expect(found[rule]).toEqual(exceptions[rule] ?? []);
    },
  );

  it('holds today, with no exception, for non-null mutation payloads and complete connections with first/after', () => {
    expect(exceptions['mutation-non-null-payload']).toEqual([]);
    expect(exceptions['connection-complete']).toEqual([]);
    expect(exceptions['connection-arguments']).toEqual([]);
  });

  it('sees each departure in a schema that breaks them', () => {
    const bad = checkConventions(
      buildSchema(`
        type Query { rooms(communityId: ID, first: Int): RoomConnection! }
        type Mutation { cancelRoomBooking(id: ID!): RoomBooking }
        type RoomConnection { edges: [RoomEdge!]! }
        type RoomEdge { node: Room! }
        type Room { id: ID! _id: ID! }
        type RoomBooking { state: BookingState! nextActions: [String!]! statusHistory: [String!]! }
        enum BookingState { BOOKED CANCELLED }
        type PageInfo { hasNextPage: Boolean! endCursor: String }
        type TallyView { yes: Int! }
      `),
    );
    expect(bad).toEqual({
      'mutation-single-input': ['Mutation.cancelRoomBooking'],
      'mutation-non-null-payload': ['Mutation.cancelRoomBooking'],
      'state-field-is-status': ['RoomBooking.state'],
      'status-enum-named-x-status': [],
      'next-steps-enum-list': ['RoomBooking.nextActions'],
      'history-named-history': ['RoomBooking.statusHistory'],
      'connection-complete': ['RoomConnection'],
      'connection-arguments': ['Query.rooms'],
      'page-info-complete': ['PageInfo.hasPreviousPage', 'PageInfo.startCursor'],
      'no-storage-or-internal-names': ['Room._id', 'TallyView'],
      'place-argument': ['Query.rooms(communityId:)'],
    });
  });
});
