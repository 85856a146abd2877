import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse } from 'graphql';
import { breakingChanges, breakingChangesBetween, readAcceptedChanges, unacceptedChanges } from './schema-changes';
import { countUndescribed, type LintProblem, lintSchema } from './schema-lint';
import { apiDocument, apiSchema, SUPERGRAPH_FILE } from './supergraph-schema';

const repoRoot = path.resolve(__dirname, '../../..');
const supergraphSdl = readFileSync(path.join(repoRoot, SUPERGRAPH_FILE), 'utf8');
const lintState = JSON.parse(readFileSync(path.join(repoRoot, 'gateway/supergraph/schema-lint.json'), 'utf8')) as {
  undescribed: { fields: number; enumValues: number };
  knownExceptions: (LintProblem & { reason: string })[];
};

describe('breaking changes against the released supergraph (gateway/supergraph/released.graphql)', () => {
  it('has none that is not accepted deliberately in accepted-changes.json, and every acceptance still applies and says why', async () => {
    const { unaccepted, stale, unexplained } = unacceptedChanges(
      await breakingChanges(repoRoot),
      readAcceptedChanges(repoRoot),
    );
    // Unaccepted: keep the old field beside the new one with @deprecated(reason:), or accept the change with a reason in
    // gateway/supergraph/accepted-changes.json, or release (npm run schema:release); CONTRIBUTING.md says when.
    expect(unaccepted).toEqual([]);
    expect(stale).toEqual([]);
    expect(unexplained).toEqual([]);
  });

  it('sees a removed field, a newly required argument and a removed enum value as breaking, and an added field as not', async () => {
    const released = buildSchema(
      'type Query { motion(id: ID!): Motion motions(first: Int): [Motion!]! } type Motion { id: ID! title: String! status: MotionStatus! } enum MotionStatus { DRAFT VOTING PASSED }',
    );
    const composed = buildSchema(
      'type Query { motion(id: ID!): Motion motions(first: Int!): [Motion!]! } type Motion { id: ID! status: MotionStatus! raisedAt: String } enum MotionStatus { DRAFT VOTING }',
    );
    const breaking = await breakingChangesBetween(released, composed);
    expect(breaking.map((change) => change.path).sort()).toEqual([
      'Motion.title',
      'MotionStatus.PASSED',
      'Query.motions.first',
    ]);
    const { unaccepted } = unacceptedChanges(breaking, [
      { type: breaking[0].type, path: breaking[0].path, reason: 'Told the 社区 app team on 2026-12-01' },
    ]);
    expect(unaccepted).toHaveLength(2);
  });

  it('compares the API clients see, not federation’s join directives', () => {
    const schema = apiSchema(supergraphSdl);
    expect(schema.getType('join__Graph')).toBeUndefined();
    expect(schema.getQueryType()?.getFields().community).toBeDefined();
  });
});

describe('the schema lint', () => {
  const document = apiDocument(supergraphSdl);

  it('finds no naming problem beyond the known exceptions in schema-lint.json, which may only shrink', () => {
    const key = (problem: LintProblem) => `${problem.rule} ${problem.coordinate}`;
    expect(lintSchema(document).map(key).sort()).toEqual(lintState.knownExceptions.map(key).sort());
    for (const exception of lintState.knownExceptions) expect(exception.reason.length).toBeGreaterThan(10);
  });

  it('holds the ratchet: fields and enum values without a description may only become fewer (lower the counts in schema-lint.json when they do)', () => {
    const counts = countUndescribed(document);
    // Equal, not at most: a count that went down is written down at once, so it cannot creep back up unnoticed.
    expect(counts).toEqual(lintState.undescribed);
  });

  it('catches each naming rule and an @deprecated without a reason', () => {
    const bad = parse(`
      type community_stats { Households: Int old: Int @deprecated }
      input BookRoom { roomId: ID! }
      enum RoomStatus { open CLOSED }
      type Query { rooms(CommunityId: ID!): [community_stats!]! }
    `);
    expect(lintSchema(bad)).toEqual(
      expect.arrayContaining([
        { rule: 'type-pascal-case', coordinate: 'community_stats' },
        { rule: 'field-camel-case', coordinate: 'community_stats.Households' },
        { rule: 'deprecated-reason', coordinate: 'community_stats.old' },
        { rule: 'input-suffix', coordinate: 'BookRoom' },
        { rule: 'enum-value-screaming-snake', coordinate: 'RoomStatus.open' },
        { rule: 'argument-camel-case', coordinate: 'Query.rooms(CommunityId:)' },
      ]),
    );
    expect(lintSchema(bad)).toHaveLength(6);
    expect(countUndescribed(bad)).toEqual({ fields: 4, enumValues: 2 });
  });
});
