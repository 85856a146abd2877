import { systemClock } from '@gongzhi/platform';
import { Types } from 'mongoose';
import { MotionStatus, type MotionStep } from '../motions/motion-state-machine';
import type { ActorRef } from '../shared/actor-ref';
import type { TerritoryHousehold, TerritoryPlace, TerritoryResident } from '../organization-copy/territory.schema';
import { countVotes } from '../vote-counting/count-votes';
import type { BallotContent, VotingMethod } from '../vote-counting/vote-counting.types';
import { contentKey } from '../voting/ballot-content';
import { ownersRoll, residentsRoll } from '../voting/voter-roll';
import type { BALLOT_CHANNELS } from '@gongzhi/contracts';

type Doc = Record<string, unknown> & { _id: Types.ObjectId | string };
type Channel = (typeof BALLOT_CHANNELS)[number];

const DAY = 24 * 3600 * 1000;

/** Raised by the first adult living in the place (their name is organization's to show). */
export const RESIDENT = 'RESIDENT';
/** A resident acting for themself: a step shows no name (organization holds names). */
const A_RESIDENT: ActorRef = { kind: 'person', id: 'demo-resident', name: null };

/** What the demo's motions and votes need to know of the territory: deliberation's copy of it. */
export interface DemoTerritory {
  place(name: string, building?: string): TerritoryPlace;
  households(place: TerritoryPlace): TerritoryHousehold[];
  adults(place: TerritoryPlace): TerritoryResident[];
}

/**
 * The documents of the demo's councils, meetings, motions and votes, gathered in memory and inserted together. Steps
 * carry believable dates counted back from now; votes are counted by the engine from ballots on rolls frozen from the
 * territory, so every result shown is one the service itself would have reached.
 */
export class DemoDeliberation {
  readonly councils: Doc[] = [];
  readonly meetings: Doc[] = [];
  readonly motions: Doc[] = [];
  readonly comments: Doc[] = [];
  readonly votes: Doc[] = [];
  readonly roll: Doc[] = [];
  readonly participations: Doc[] = [];
  readonly boxes: Doc[] = [];
  readonly objections: Doc[] = [];
  readonly milestones: Doc[] = [];
  readonly ratings: Doc[] = [];
  readonly opinions: Doc[] = [];
  private readonly now = systemClock.nowMs();
  /** Where each motion sits, for its roll, its objectors and its raters. */
  private readonly placeOf = new Map<string, TerritoryPlace>();

  constructor(readonly territory: DemoTerritory) {}

  at(daysAgo: number): Date {
    return new Date(this.now - daysAgo * DAY);
  }

  council(place: TerritoryPlace, kind: string, name: string, seats: [string, string][], daysAgo: number): Doc {
    const council = {
      _id: new Types.ObjectId(),
      name,
      kind,
      ...where(place),
      seats: seats.map(([role, holderName]) => ({
        _id: new Types.ObjectId(),
        role,
        holderName,
        residentId: null,
        partnerUnitId: null,
      })),
      convenedByOrgUnitId: null,
      createdAt: this.at(daysAgo),
      updatedAt: this.at(daysAgo),
    };
    this.councils.push(council);
    return council;
  }

  meeting(
    council: Doc,
    title: string,
    location: string,
    agenda: [string, Doc?][],
    daysAgo: number,
    minutes?: string,
  ): Doc {
    const seats = council.seats as { _id: Types.ObjectId; holderName: string }[];
    const meeting = {
      _id: new Types.ObjectId(),
      councilId: council._id,
      communityId: council.communityId,
      compoundId: council.compoundId,
      buildingId: council.buildingId,
      title,
      scheduledAt: this.at(daysAgo),
      location,
      agenda: agenda.map(([itemTitle, motion]) => ({ title: itemTitle, motionId: motion?._id ?? null })),
      attendance: minutes ? seats.map((seat) => ({ name: seat.holderName, seatId: seat._id, present: true })) : [],
      minutes: minutes ?? null,
      heldAt: minutes ? this.at(daysAgo) : null,
    };
    this.meetings.push(meeting);
    return meeting;
  }

  /** A motion raised by `raisedBy`, or — when it is RESIDENT — by the first adult living there, co-signed by the next three. */
  motion(
    place: TerritoryPlace,
    plan: {
      title: string;
      description: string;
      matterKind: string;
      ownersMatter?: string;
      major?: boolean;
      lampIds?: string[];
    },
    raisedBy: ActorRef | typeof RESIDENT,
    daysAgo: number,
  ): Doc {
    const adults = this.territory.adults(place);
    const motion = {
      _id: new Types.ObjectId(),
      title: plan.title,
      description: plan.description,
      matterKind: plan.matterKind,
      ownersMatter: plan.ownersMatter ?? null,
      major: Boolean(plan.major || plan.ownersMatter),
      lampIds: plan.lampIds ?? [],
      ...where(place),
      state: MotionStatus.RAISED,
      raisedBy: raisedBy === RESIDENT ? A_RESIDENT : raisedBy,
      raisedByResidentId: raisedBy === RESIDENT ? (adults[0]?._id ?? null) : null,
      coSignatures: adults
        .slice(1, 4)
        .map((resident, i) => ({ residentId: resident._id, at: this.at(daysAgo - 1 - i) })),
      reviews: [],
      amendments: [],
      steps: [],
      notice: null,
      execution: null,
      evaluation: null,
      fromOpinionId: null,
      currentVoteId: null,
      createdAt: this.at(daysAgo),
      updatedAt: this.at(daysAgo),
    };
    this.motions.push(motion);
    this.placeOf.set(String(motion._id), place);
    return motion;
  }

  /** Moves the motion as `step` would, on the day given. */
  step(motion: Doc, step: MotionStep, to: MotionStatus, by: ActorRef, daysAgo: number): void {
    (motion.steps as unknown[]).push({ step, from: motion.state, to, at: this.at(daysAgo), by });
    motion.state = to;
    motion.updatedAt = this.at(daysAgo);
  }

  review(motion: Doc, decision: 'ACCEPTED' | 'RETURNED', reasons: string | null, by: ActorRef, daysAgo: number): void {
    (motion.reviews as unknown[]).push({ decision, reasons, at: this.at(daysAgo), by });
    this.step(
      motion,
      decision === 'ACCEPTED' ? 'accept' : 'return',
      decision === 'ACCEPTED' ? MotionStatus.DELIBERATION : MotionStatus.RETURNED,
      by,
      daysAgo,
    );
  }

  comment(motion: Doc, body: string, by: ActorRef, daysAgo: number): void {
    this.comments.push({ _id: new Types.ObjectId(), motionId: motion._id, body, at: this.at(daysAgo), by });
  }

  /**
   * Opens a vote on the roll of the motion's place as it stands, casts the ballots `ballotOf` gives each voter (none:
   * they did not vote) through the channels in turn, and — when `closedDaysAgo` is given — counts and closes it.
   */
  vote(
    motion: Doc,
    spec: {
      method: VotingMethod;
      options?: string[];
      seats?: number;
      secret?: boolean;
      openedDaysAgo: number;
      closedDaysAgo?: number;
      endsInDays?: number;
    },
    ballotOf: (voterIndex: number, optionId: (label: string) => string) => BallotContent | null,
    by: ActorRef,
  ): void {
    const place = this.placeOf.get(String(motion._id))!;
    const entries = motion.ownersMatter
      ? ownersRoll(this.territory.households(place))
      : residentsRoll(this.territory.adults(place));
    const voteId = new Types.ObjectId();
    const options = (spec.options ?? []).map((label, index) => ({ id: String(index + 1), label }));
    const optionId = (label: string) => options.find((option) => option.label === label)!.id;
    const channels: Channel[] = ['ONLINE', 'PAPER', 'DOOR_TO_DOOR', 'ONLINE', 'PROXY'];
    const boxes = new Map<string, { content: BallotContent; heads: number; area: number }>();
    let cast = 0;
    for (const [index, entry] of entries.entries()) {
      const voterId = new Types.ObjectId();
      this.roll.push({ _id: voterId, voteId, ...entry });
      const content = ballotOf(index, optionId);
      if (!content) continue;
      const channel = entry.residentIds.length ? channels[index % channels.length] : 'PAPER';
      this.participations.push({
        _id: new Types.ObjectId(),
        voteId,
        voterId,
        channel,
        castAt: this.at(spec.openedDaysAgo - 1),
        recordedBy: channel === 'ONLINE' ? A_RESIDENT : by,
        proxyName: channel === 'PROXY' ? '家属代投' : null,
        proxyAuthorisation: channel === 'PROXY' ? '业主授权委托书' : null,
        content: spec.secret ? null : content,
      });
      const box = boxes.get(contentKey(content)) ?? { content, heads: 0, area: 0 };
      box.heads += 1;
      box.area += entry.area;
      boxes.set(contentKey(content), box);
      cast += 1;
    }
    for (const [key, box] of boxes) this.boxes.push({ _id: `${voteId.toHexString()}|${key}`, voteId, ...box });
    const rollHeads = entries.length;
    const rollArea = entries.reduce((sum, entry) => sum + entry.area, 0);
    const closed = spec.closedDaysAgo !== undefined;
    const result = closed
      ? countVotes(
          {
            method: spec.method,
            ownersMatter: motion.ownersMatter as never,
            optionIds: options.map((o) => o.id),
            seats: spec.seats,
          },
          { heads: rollHeads, area: rollArea },
          [...boxes.values()],
        )
      : null;
    this.votes.push({
      _id: voteId,
      motionId: motion._id,
      number: this.votes.filter((vote) => String(vote.motionId) === String(motion._id)).length + 1,
      method: spec.method,
      ownersMatter: motion.ownersMatter,
      options,
      seats: spec.seats ?? 1,
      secret: Boolean(spec.secret),
      opensAt: this.at(spec.openedDaysAgo),
      endsAt: closed ? this.at(spec.closedDaysAgo!) : this.at(-(spec.endsInDays ?? 7)),
      closedAt: closed ? this.at(spec.closedDaysAgo!) : null,
      rollHeads,
      rollArea,
      ballotsCast: cast,
      refusedAttempts: 0,
      result,
      communityId: motion.communityId,
      compoundId: motion.compoundId,
      buildingId: motion.buildingId,
    });
    motion.currentVoteId = voteId;
    this.step(motion, 'openVoting', MotionStatus.VOTING, by, spec.openedDaysAgo);
    if (result)
      this.step(
        motion,
        'closeVoting',
        result.outcome === 'PASSED' ? MotionStatus.PASSED : MotionStatus.REJECTED,
        by,
        spec.closedDaysAgo!,
      );
  }

  notice(
    motion: Doc,
    by: ActorRef,
    publishedDaysAgo: number,
    windowDays: number,
    objections: [string, 'OPEN' | 'UPHELD' | 'DISMISSED', string?][] = [],
  ): void {
    const number = ((motion.notice as { number: number } | null)?.number ?? 0) + 1;
    motion.notice = {
      number,
      publishedAt: this.at(publishedDaysAgo),
      objectionWindowEndsAt: this.at(publishedDaysAgo - windowDays),
      closedAt: null,
    };
    this.step(motion, 'publishNotice', MotionStatus.PUBLIC_NOTICE, by, publishedDaysAgo);
    const objectors = this.territory.adults(this.placeOf.get(String(motion._id))!).slice(-objections.length);
    objections.forEach(([reason, status, answer], i) =>
      this.objections.push({
        _id: new Types.ObjectId(),
        motionId: motion._id,
        noticeNumber: number,
        residentId: objectors[i]?._id ?? `demo-objector-${i}`,
        reason,
        raisedAt: this.at(publishedDaysAgo - 1),
        status,
        answer: answer ?? null,
        answeredAt: answer ? this.at(publishedDaysAgo - 2) : null,
        answeredBy: answer ? by : null,
      }),
    );
  }

  /** The window ran out: the decision is final and carried out (the sweep's step). */
  execute(motion: Doc, daysAgo: number, milestones: string[], by: ActorRef): void {
    (motion.notice as { closedAt: Date }).closedAt = this.at(daysAgo);
    motion.execution = { startedAt: this.at(daysAgo), completedAt: null, summary: null };
    this.step(
      motion,
      'closeNotice',
      MotionStatus.EXECUTION,
      { kind: 'service', id: 'deliberation-deadlines', name: 'deliberation-deadlines' },
      daysAgo,
    );
    milestones.forEach((title, i) =>
      this.milestones.push({
        _id: new Types.ObjectId(),
        motionId: motion._id,
        title,
        note: null,
        at: this.at(daysAgo - 5 * (i + 1)),
        by,
      }),
    );
  }

  complete(
    motion: Doc,
    summary: string,
    daysAgo: number,
    scores: number[],
    by: ActorRef,
    closedDaysAgo?: number,
  ): void {
    (motion.execution as { completedAt: Date; summary: string }).completedAt = this.at(daysAgo);
    (motion.execution as { summary: string }).summary = summary;
    this.step(motion, 'completeExecution', MotionStatus.EVALUATION, by, daysAgo);
    const raters = this.territory.adults(this.placeOf.get(String(motion._id))!);
    scores.slice(0, raters.length).forEach((score, i) =>
      this.ratings.push({
        _id: new Types.ObjectId(),
        motionId: motion._id,
        residentId: raters[i]._id,
        score,
        comment: null,
        ratedAt: this.at(daysAgo - 1),
      }),
    );
    if (closedDaysAgo === undefined) return;
    const given = scores.slice(0, raters.length);
    const averageScore = given.length
      ? Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 100) / 100
      : null;
    motion.evaluation = { ratings: given.length, averageScore, closedAt: this.at(closedDaysAgo) };
    this.step(motion, 'closeEvaluation', MotionStatus.CLOSED, by, closedDaysAgo);
  }

  opinion(
    place: TerritoryPlace,
    text: string,
    tags: string[],
    channel: string,
    recordedBy: ActorRef,
    daysAgo: number,
    promotedTo?: Doc,
  ): Doc {
    const opinion = {
      _id: new Types.ObjectId(),
      text,
      tags,
      channel,
      status: promotedTo ? 'PROMOTED' : 'OPEN',
      residentId: this.territory.adults(place)[0]?._id ?? null,
      recordedBy,
      motionId: promotedTo?._id ?? null,
      answer: null,
      ...where(place),
      createdAt: this.at(daysAgo),
      updatedAt: this.at(daysAgo),
    };
    if (promotedTo) promotedTo.fromOpinionId = opinion._id;
    this.opinions.push(opinion);
    return opinion;
  }
}

function where(place: TerritoryPlace) {
  return { communityId: place.communityId, compoundId: place.compoundId, buildingId: place.buildingId };
}
