import 'reflect-metadata';
import { runDemoLoader, withTransaction } from '@gongzhi/platform';
import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { Council, CouncilSchema, Meeting, MeetingSchema } from '../councils/council.schema';
import { Rating, RatingSchema } from '../motions/evaluation.schema';
import { Milestone, MilestoneSchema } from '../motions/execution.schema';
import { Motion, MotionComment, MotionCommentSchema, MotionSchema } from '../motions/motion.schema';
import { Opinion, OpinionSchema } from '../opinions/opinion.schema';
import { Objection, ObjectionSchema } from '../motions/public-notice.schema';
import {
  PlaceKind,
  type TerritoryHousehold,
  type TerritoryPlace,
  type TerritoryResident,
} from '../organization-copy/territory.schema';
import {
  BallotBox,
  BallotBoxSchema,
  BallotParticipation,
  BallotParticipationSchema,
  Vote,
  VoteSchema,
  VoterRollEntry,
  VoterRollEntrySchema,
} from '../voting/vote.schema';
import { copyTerritory } from './organization-copy';
import { DemoDeliberation, type DemoTerritory } from './demo-deliberation';
import { DEMO_MARKER_COUNCIL, planDemo } from './demo-plan';

/** What the loader needs of a model: its indexes, and validated inserts. */
interface DemoTarget {
  init(): Promise<unknown>;
  insertMany(docs: Record<string, unknown>[], options: { session: ClientSession }): Promise<unknown>;
}

/** The collections the demo fills, each with the documents of the batch that go into it. */
function collections(connection: Connection, batch: DemoDeliberation): [DemoTarget, Record<string, unknown>[]][] {
  const model = (name: string, schema: mongoose.Schema): DemoTarget => connection.model(name, schema);
  return [
    [model(Council.name, CouncilSchema), batch.councils],
    [model(Meeting.name, MeetingSchema), batch.meetings],
    [model(Motion.name, MotionSchema), batch.motions],
    [model(MotionComment.name, MotionCommentSchema), batch.comments],
    [model(Vote.name, VoteSchema), batch.votes],
    [model(VoterRollEntry.name, VoterRollEntrySchema), batch.roll],
    [model(BallotParticipation.name, BallotParticipationSchema), batch.participations],
    [model(BallotBox.name, BallotBoxSchema), batch.boxes],
    [model(Objection.name, ObjectionSchema), batch.objections],
    [model(Milestone.name, MilestoneSchema), batch.milestones],
    [model(Rating.name, RatingSchema), batch.ratings],
    [model(Opinion.name, OpinionSchema), batch.opinions],
  ];
}

/** Deliberation's copy of the territory, as the demo plan looks things up in it. */
async function demoTerritory(connection: Connection): Promise<DemoTerritory> {
  const [places, households, residents] = await Promise.all([
    connection.collection<TerritoryPlace>('territory_places').find().toArray(),
    connection.collection<TerritoryHousehold>('territory_households').find().sort({ _id: 1 }).toArray(),
    connection
      .collection<TerritoryResident>('territory_residents')
      .find({ movedOutAt: null, adult: { $ne: false } })
      .sort({ _id: 1 })
      .toArray(),
  ]);
  const inside = <T extends { communityId: string; compoundId: string; buildingId: string }>(
    rows: T[],
    place: TerritoryPlace,
  ) =>
    rows.filter(
      (row) =>
        row.communityId === place.communityId &&
        (!place.compoundId || row.compoundId === place.compoundId) &&
        (!place.buildingId || row.buildingId === place.buildingId),
    );
  return {
    place(name, building) {
      const found = places.find((place) => place.name === name && place.kind !== PlaceKind.BUILDING);
      const wanted = building
        ? places.find(
            (place) => place.kind === PlaceKind.BUILDING && place.compoundId === found?._id && place.name === building,
          )
        : found;
      if (!wanted)
        throw new Error(`demo data: ${name}${building ?? ''} is not in organization's demo data (loaded first?)`);
      return wanted;
    },
    households: (place) => inside(households, place),
    adults: (place) => inside(residents, place),
  };
}

/**
 * Loads the demo's councils, meetings, motions in every stage with their votes, notices, executions and evaluations,
 * and opinions, after seeding deliberation's copy of organization's territory. Idempotent: the territory is
 * refreshed, the rest is added once (in one transaction). Demo data is the starting state, so it records no events.
 */
export async function loadDemoData(
  organization: Connection,
  deliberation: Connection,
  log: (line: string) => void = console.log,
): Promise<void> {
  const copied = await copyTerritory(organization, deliberation);
  log(
    `demo data: territory copied from organization — ${copied.places} places, ${copied.households} households, ${copied.residents} residents, ${copied.agreements} co-building agreements`,
  );
  if (await deliberation.collection('councils').findOne({ name: DEMO_MARKER_COUNCIL })) {
    log('demo data: councils and motions already loaded');
    return;
  }
  const batch = new DemoDeliberation(await demoTerritory(deliberation));
  planDemo(batch);
  const targets = collections(deliberation, batch);
  await Promise.all(targets.map(([model]) => model.init()));
  await withTransaction(deliberation, async (session) => {
    for (const [model, docs] of targets) if (docs.length) await model.insertMany(docs, { session });
  });
  log(
    `demo data: ${batch.councils.length} councils, ${batch.meetings.length} meetings, ${batch.motions.length} motions, ${batch.votes.length} votes, ${batch.opinions.length} opinions loaded`,
  );
}

if (require.main === module) runDemoLoader('deliberation', ({ own, organization }) => loadDemoData(organization, own));
