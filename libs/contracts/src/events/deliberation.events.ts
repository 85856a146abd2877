import { z } from 'zod';
import { defineEvent } from './define-event';

/**
 * Facts the deliberation subgraph records, after the principle of the field reports: 民事民议、民事民决、民事民办、
 * 民事民评 — residents raise, decide, carry out and evaluate their own affairs. `deliberation.motion.passed` is the
 * one other subgraphs act on: facilities and services start the work a motion decided.
 */

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

/** What a motion is about; facilities and services pick the motions of their kinds out of `motion.passed`. */
export const MATTER_KINDS = [
  'FACILITIES_LIGHTING',
  'FACILITIES_PARKING',
  'FACILITIES_GARDEN',
  'FACILITIES_ROOM',
  'FACILITIES_PLAYGROUND',
  'SERVICES_ELDER_CARE',
  'SERVICES_CHILDCARE',
  'ENVIRONMENT',
  'SAFETY',
  'PROPERTY_MANAGEMENT',
  'NAMING',
  'OTHER',
] as const;
export const matterKindSchema = z.enum(MATTER_KINDS);
export type MatterKind = z.infer<typeof matterKindSchema>;

/** The matters of Civil Code art. 278 an owners' joint decision is taken on, in the article's order (1)–(9). */
export const OWNERS_MATTERS = [
  'ASSEMBLY_RULES',
  'MANAGEMENT_COVENANT',
  'OWNERS_COMMITTEE_ELECTION',
  'PROPERTY_SERVICE_PROVIDER',
  'USE_MAINTENANCE_FUND',
  'RAISE_MAINTENANCE_FUND',
  'REBUILD_BUILDINGS_OR_FACILITIES',
  'CHANGE_USE_OF_COMMON_PARTS',
  'OTHER_MAJOR_MATTER',
] as const;
export const ownersMatterSchema = z.enum(OWNERS_MATTERS);
export type OwnersMatter = z.infer<typeof ownersMatterSchema>;

export const VOTING_METHODS = [
  'OWNERS_JOINT_DECISION',
  'SIMPLE_MAJORITY',
  'TWO_THIRDS',
  'APPROVAL',
  'RANKED_CHOICE',
] as const;
export const votingMethodSchema = z.enum(VOTING_METHODS);
export type VotingMethod = z.infer<typeof votingMethodSchema>;

export const COUNCIL_KINDS = [
  'BUILDING_COUNCIL',
  'THREE_PARTY_COUNCIL',
  'JOINT_MEETING',
  'COURTYARD_MEETING',
  'DELIBERATION_HALL',
] as const;
export const councilKindSchema = z.enum(COUNCIL_KINDS);

export const BALLOT_CHANNELS = ['ONLINE', 'PAPER', 'DOOR_TO_DOOR', 'PROXY'] as const;
export const ballotChannelSchema = z.enum(BALLOT_CHANNELS);

/** Where a motion or council sits: a community, and the compound and building when it concerns only those. */
const territory = { communityId: id, compoundId: id.nullable(), buildingId: id.nullable() };

export const councilFormed = defineEvent({
  type: 'deliberation.council.formed',
  version: 1,
  payload: z.object({
    councilId: id,
    kind: councilKindSchema,
    name: z.string().min(1),
    seats: z.number().int().nonnegative(),
    ...territory,
  }),
});

export const meetingScheduled = defineEvent({
  type: 'deliberation.meeting.scheduled',
  version: 1,
  payload: z.object({ meetingId: id, councilId: id, scheduledAt: instant, motionIds: z.array(id) }),
});

export const meetingHeld = defineEvent({
  type: 'deliberation.meeting.held',
  version: 1,
  payload: z.object({
    meetingId: id,
    councilId: id,
    heldAt: instant,
    present: z.number().int().nonnegative(),
    motionIds: z.array(id),
  }),
});

export const motionRaised = defineEvent({
  type: 'deliberation.motion.raised',
  version: 1,
  payload: z.object({
    motionId: id,
    title: z.string().min(1),
    matterKind: matterKindSchema,
    ownersMatter: ownersMatterSchema.nullable(),
    major: z.boolean(),
    ...territory,
  }),
});

export const motionCoSigned = defineEvent({
  type: 'deliberation.motion.co-signed',
  version: 1,
  payload: z.object({ motionId: id, coSigners: z.number().int().positive() }),
});

/** Submitted by its raiser: to the branch committee's pre-review (前置审议) when major, straight to deliberation otherwise. */
export const motionSubmitted = defineEvent({
  type: 'deliberation.motion.submitted',
  version: 1,
  payload: z.object({ motionId: id, to: z.enum(['PRE_REVIEW', 'DELIBERATION']) }),
});

export const motionReviewed = defineEvent({
  type: 'deliberation.motion.reviewed',
  version: 1,
  payload: z.object({ motionId: id, decision: z.enum(['ACCEPTED', 'RETURNED']), reasons: z.string().nullable() }),
});

export const motionAmended = defineEvent({
  type: 'deliberation.motion.amended',
  version: 1,
  payload: z.object({ motionId: id, amendment: z.number().int().positive(), summary: z.string().min(1) }),
});

export const motionWithdrawn = defineEvent({
  type: 'deliberation.motion.withdrawn',
  version: 1,
  payload: z.object({ motionId: id, from: z.string().min(1) }),
});

export const voteOpened = defineEvent({
  type: 'deliberation.vote.opened',
  version: 1,
  payload: z.object({
    motionId: id,
    method: votingMethodSchema,
    ownersMatter: ownersMatterSchema.nullable(),
    secret: z.boolean(),
    /** The frozen roll: voters by head, and their floor area in m² for owners' votes. */
    rollHeads: z.number().int().nonnegative(),
    rollArea: z.number().nonnegative(),
    endsAt: instant,
  }),
});

/** A ballot went into the box; who cast it and what it says are not part of the fact. */
export const ballotCast = defineEvent({
  type: 'deliberation.ballot.cast',
  version: 1,
  payload: z.object({ motionId: id, channel: ballotChannelSchema, ballotsCast: z.number().int().positive() }),
});

/** A second ballot for a voter who had already voted, refused: the attempt is kept. */
export const ballotRefused = defineEvent({
  type: 'deliberation.ballot.refused',
  version: 1,
  payload: z.object({ motionId: id, voterId: id, channel: ballotChannelSchema, reason: z.literal('ALREADY_VOTED') }),
});

export const voteClosed = defineEvent({
  type: 'deliberation.vote.closed',
  version: 1,
  payload: z.object({
    motionId: id,
    method: votingMethodSchema,
    outcome: z.enum(['PASSED', 'REJECTED', 'NO_QUORUM', 'TIE']),
    turnoutHeads: z.number().int().nonnegative(),
    rollHeads: z.number().int().nonnegative(),
    turnoutArea: z.number().nonnegative(),
    rollArea: z.number().nonnegative(),
    /** The threshold that decided, e.g. PARTICIPATION_BY_AREA. */
    decidedBy: z.string().min(1),
    /** The options chosen (a name, projects), by label. */
    winners: z.array(z.string()),
  }),
});

/** Put up for public notice (公示) with a window for objections. */
export const motionPublicised = defineEvent({
  type: 'deliberation.motion.publicised',
  version: 1,
  payload: z.object({ motionId: id, objectionWindowEndsAt: instant }),
});

export const objectionRaised = defineEvent({
  type: 'deliberation.objection.raised',
  version: 1,
  payload: z.object({ motionId: id, objectionId: id }),
});

/** UPHELD sends the motion back to deliberation; DISMISSED lets the notice run out. */
export const objectionAnswered = defineEvent({
  type: 'deliberation.objection.answered',
  version: 1,
  payload: z.object({ motionId: id, objectionId: id, decision: z.enum(['UPHELD', 'DISMISSED']) }),
});

/**
 * Decided and through its public notice without an objection standing: the decision is final and is to be carried
 * out. Facilities and services consume it to start the work (a lighting renewal, a care service).
 */
export const motionPassed = defineEvent({
  type: 'deliberation.motion.passed',
  version: 1,
  payload: z.object({
    motionId: id,
    title: z.string().min(1),
    matterKind: matterKindSchema,
    communityId: id,
    compoundId: id.nullable(),
    /** The lamps the motion is about, when it names them; otherwise the description says what is to be done. */
    lampIds: z.array(id).default([]),
    description: z.string().min(1),
    passedAt: instant,
    buildingId: id.nullable().optional(),
    ownersMatter: ownersMatterSchema.nullable().optional(),
    method: votingMethodSchema.optional(),
    /** The options chosen, by label: the name picked, the projects approved. */
    winners: z.array(z.string()).optional(),
  }),
});

export const milestoneReached = defineEvent({
  type: 'deliberation.motion.milestone-reached',
  version: 1,
  payload: z.object({ motionId: id, title: z.string().min(1), reachedAt: instant }),
});

/** The work is done; residents now rate the outcome. */
export const motionExecuted = defineEvent({
  type: 'deliberation.motion.executed',
  version: 1,
  payload: z.object({ motionId: id, completedAt: instant }),
});

/** Residents rated the outcome (民事民评); the evaluation is closed and the motion with it. */
export const motionEvaluated = defineEvent({
  type: 'deliberation.motion.evaluated',
  version: 1,
  payload: z.object({
    motionId: id,
    ratings: z.number().int().nonnegative(),
    averageScore: z.number().min(1).max(5).nullable(),
  }),
});

/** An opinion collected from a resident (社情民意): online, on a visit, at a meeting. */
export const opinionRecorded = defineEvent({
  type: 'deliberation.opinion.recorded',
  version: 1,
  payload: z.object({ opinionId: id, tags: z.array(z.string()), ...territory }),
});

/** An opinion taken up as a motion. */
export const opinionPromoted = defineEvent({
  type: 'deliberation.opinion.promoted',
  version: 1,
  payload: z.object({ opinionId: id, motionId: id }),
});

export const deliberationEvents = [
  councilFormed,
  meetingScheduled,
  meetingHeld,
  motionRaised,
  motionCoSigned,
  motionSubmitted,
  motionReviewed,
  motionAmended,
  motionWithdrawn,
  voteOpened,
  ballotCast,
  ballotRefused,
  voteClosed,
  motionPublicised,
  objectionRaised,
  objectionAnswered,
  motionPassed,
  milestoneReached,
  motionExecuted,
  motionEvaluated,
  opinionRecorded,
  opinionPromoted,
] as const;
