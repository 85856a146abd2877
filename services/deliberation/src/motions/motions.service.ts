import {
  type Place,
  motionAmended,
  motionCoSigned,
  motionRaised,
  motionReviewed,
  motionSubmitted,
  motionWithdrawn,
} from '@gongzhi/contracts';
import {
  childConnection,
  type ConnectionArgs,
  currentActor,
  loadById,
  OutboxPublisher,
  type RequestLoaders,
  requirePermission,
  withTransaction,
  Clock,
  listConnection,
} from '@gongzhi/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import {
  type ClientSession,
  type Connection,
  type Model,
  type QueryFilter,
  type Types,
  type UpdateQuery,
} from 'mongoose';
import type { DeliberationConfig } from '../config';
import { DELIBERATION_CONFIG } from '../deliberation.tokens';
import { actorRef } from '../shared/actor-ref';
import { childrenVisible, mayReadDeliberationIn, paginateVisible } from '../shared/deliberation.access';
import { residentIdOf } from '../organization-copy/territory';
import type { TerritoryPlace } from '../organization-copy/territory.schema';
import { actionOf, MotionStatus, type MotionStep, requireStep, targetOf } from './motion-state-machine';
import { FacilitiesCopyService } from '../facilities-copy/facilities-copy.service';
import { MotionErrors } from './motion.errors';
import type { AmendMotionInput, MotionFilterArgs, RaiseMotionInput } from './motion.inputs';
import { MAX_AMENDMENTS, Motion, MotionComment, type MotionDocument, ReviewDecision } from './motion.schema';
import type { MotionHistoryEntry } from './motions.types';

/** A step's change to the motion, made atomically with the check that it still stands where it stood. */
export interface MotionChange {
  /** For a transition: the state it leads to (one the state machine allows for the step). */
  to?: MotionStatus;
  update?: UpdateQuery<Motion>;
  /** Further conditions the motion must still meet when the change is written. */
  where?: QueryFilter<Motion>;
  /** For a transition: why, as the motion's history shows it (the pre-review's reasons, the vote's outcome). */
  note?: string | null;
}

/**
 * The change, or a function working it out inside the step's transaction (closing a vote counts the ballots there, so
 * a ballot committed meanwhile makes the transaction retry rather than go uncounted).
 */
export type MotionChangeOf = MotionChange | ((session: ClientSession) => Promise<MotionChange>);

/** What goes with the step in its transaction, from the motion as changed: its events, and writes of other records. */
export type StepEffects = (motion: MotionDocument, session: ClientSession) => Promise<unknown>;

/** Raising, co-signing, pre-review, amendments, comments and withdrawal; and the one way every feature moves a motion. */
/** A motion's changes of status, oldest first, beginning with its raising: its Motion.history. */
export function motionHistory(motion: MotionDocument): MotionHistoryEntry[] {
  const raised = { status: MotionStatus.RAISED, at: motion.createdAt, note: null, by: motion.raisedBy, action: null };
  const steps = motion.steps.map((record) => ({
    status: record.to,
    at: record.at,
    note: record.note ?? null,
    by: record.by,
    action: actionOf(record.step as MotionStep),
  }));
  return [raised, ...steps];
}

@Injectable()
export class MotionsService {
  constructor(
    @InjectModel(Motion.name) readonly motions: Model<Motion>,
    @InjectModel(MotionComment.name) private readonly comments: Model<MotionComment>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    @Inject(DELIBERATION_CONFIG) private readonly config: DeliberationConfig,
    private readonly clock: Clock,
    private readonly facilities: FacilitiesCopyService,
  ) {}

  load(loaders: RequestLoaders, id: string) {
    return loadById(loaders, this.motions, id);
  }

  async require(loaders: RequestLoaders, id: string): Promise<MotionDocument> {
    const motion = await this.load(loaders, id);
    if (!motion) throw MotionErrors.notFound(id);
    return motion;
  }

  /** The motion, if the caller may read what is deliberated in its place (FORBIDDEN otherwise); null if there is none. */
  async loadVisible(loaders: RequestLoaders, id: unknown, residence: Place | null): Promise<MotionDocument | null> {
    const motion = await loadById(loaders, this.motions, id);
    if (motion) requirePermission(mayReadDeliberationIn(motion, residence));
    return motion;
  }

  get coSignersRequired(): number {
    return this.config.MOTION_MIN_CO_SIGNERS;
  }

  /**
   * Takes `step` on the motion: refused with MOTION.ILLEGAL_STEP where it stands, written only if it still stands
   * there (a concurrent step makes this one MOTION.CHANGED_MEANWHILE), in one transaction with its effects.
   * Transitions append to the motion's steps.
   */
  async step(
    motion: MotionDocument,
    step: MotionStep,
    changeOf: MotionChangeOf,
    effects: StepEffects,
    actor = currentActor(),
  ): Promise<MotionDocument> {
    requireStep(motion.state, step, motion.id);
    const changed = await withTransaction(this.connection, async (session) => {
      const change = typeof changeOf === 'function' ? await changeOf(session) : changeOf;
      const to = change.to && targetOf(step, change.to);
      const set = { ...change.update?.$set, ...(to && { state: to }) };
      const push = {
        ...change.update?.$push,
        ...(to && {
          steps: { step, from: motion.state, to, note: change.note ?? null, at: this.clock.now(), by: actorRef(actor) },
        }),
      };
      const update: UpdateQuery<Motion> = {
        ...change.update,
        ...(Object.keys(set).length > 0 && { $set: set }),
        ...(Object.keys(push).length > 0 && { $push: push }),
      };
      const filter = { _id: motion._id, state: motion.state, ...change.where };
      // A step that changes nothing on the motion itself (an objection, a milestone) still checks where it stands.
      const updated = await (
        Object.keys(update).length > 0
          ? this.motions.findOneAndUpdate(filter, update, { session, returnDocument: 'after' })
          : this.motions.findOne(filter).session(session)
      ).exec();
      if (updated) await effects(updated, session);
      return updated;
    });
    if (changed) return changed;
    const now = await this.motions.findById(motion._id).exec();
    if (now) requireStep(now.state, step, motion.id);
    throw MotionErrors.changedMeanwhile(motion.id);
  }

  /** Every lamp a motion names is one of facilities' register (as deliberation's copy knows it), in its community. */
  async requireLampsOf(lampIds: readonly string[], communityId: string): Promise<void> {
    const { unknown, elsewhere } = await this.facilities.lampsNotIn(lampIds, communityId);
    if (unknown.length > 0) throw MotionErrors.unknownLamps(unknown);
    if (elsewhere.length > 0) throw MotionErrors.lampsElsewhere(elsewhere);
  }

  /** Raises a motion about `place`; `from` names the opinion it takes up, `effects` go in its transaction. */
  async raise(
    input: RaiseMotionInput,
    place: TerritoryPlace,
    from?: { opinionId: Types.ObjectId; effects: StepEffects },
  ): Promise<MotionDocument> {
    if (input.ownersMatter && !place.compoundId) throw MotionErrors.ownersMatterNeedsCompound();
    await this.requireLampsOf(input.lampIds ?? [], place.communityId);
    const actor = currentActor();
    return withTransaction(this.connection, async (session) => {
      const [motion] = await this.motions.create(
        [
          {
            title: input.title,
            description: input.description,
            matterKind: input.matterKind,
            ownersMatter: input.ownersMatter ?? null,
            major: input.major || Boolean(input.ownersMatter),
            lampIds: input.lampIds ?? [],
            communityId: place.communityId,
            compoundId: place.compoundId,
            buildingId: place.buildingId,
            state: MotionStatus.RAISED,
            raisedBy: actorRef(actor),
            raisedByResidentId: residentIdOf(actor),
            fromOpinionId: from?.opinionId ?? null,
          },
        ],
        { session },
      );
      await from?.effects(motion, session);
      await this.outbox.record(
        motionRaised,
        {
          motionId: motion.id,
          title: motion.title,
          matterKind: motion.matterKind,
          ownersMatter: motion.ownersMatter,
          major: motion.major,
          communityId: motion.communityId,
          compoundId: motion.compoundId,
          buildingId: motion.buildingId,
        },
        { session },
      );
      return motion;
    });
  }

  coSign(motion: MotionDocument, residentId: string): Promise<MotionDocument> {
    requireStep(motion.state, 'coSign', motion.id);
    if (motion.raisedByResidentId === residentId) throw MotionErrors.raiserCannotCoSign();
    if (motion.coSignatures.some((signature) => signature.residentId === residentId))
      throw MotionErrors.alreadyCoSigned();
    return this.step(
      motion,
      'coSign',
      {
        update: { $push: { coSignatures: { residentId, at: this.clock.now() } } },
        where: { 'coSignatures.residentId': { $ne: residentId } },
      },
      (updated, session) =>
        this.outbox.record(
          motionCoSigned,
          { motionId: updated.id, coSigners: updated.coSignatures.length },
          { session },
        ),
    );
  }

  submit(motion: MotionDocument): Promise<MotionDocument> {
    requireStep(motion.state, 'submit', motion.id);
    const required = this.coSignersRequired;
    if (motion.coSignatures.length < required)
      throw MotionErrors.coSignersMissing(required, motion.coSignatures.length);
    const to = motion.major ? MotionStatus.PRE_REVIEW : MotionStatus.DELIBERATION;
    return this.step(motion, 'submit', { to }, (updated, session) =>
      this.outbox.record(motionSubmitted, { motionId: updated.id, to: to }, { session }),
    );
  }

  review(motion: MotionDocument, decision: ReviewDecision, reasons: string | null): Promise<MotionDocument> {
    const accepted = decision === ReviewDecision.ACCEPTED;
    const review = { decision, reasons, at: this.clock.now(), by: actorRef() };
    return this.step(
      motion,
      accepted ? 'accept' : 'return',
      {
        to: accepted ? MotionStatus.DELIBERATION : MotionStatus.RETURNED,
        update: { $push: { reviews: review } },
        note: reasons,
      },
      (updated, session) =>
        this.outbox.record(motionReviewed, { motionId: updated.id, decision, reasons }, { session }),
    );
  }

  amend(motion: MotionDocument, input: AmendMotionInput): Promise<MotionDocument> {
    requireStep(motion.state, 'amend', motion.id);
    const title = input.title ?? motion.title;
    const description = input.description ?? motion.description;
    if (title === motion.title && description === motion.description) throw MotionErrors.nothingAmended();
    if (motion.amendments.length >= MAX_AMENDMENTS) throw MotionErrors.tooManyAmendments(MAX_AMENDMENTS);
    const amendment = {
      number: motion.amendments.length + 1,
      summary: input.summary,
      previousTitle: motion.title,
      previousDescription: motion.description,
      at: this.clock.now(),
      by: actorRef(),
    };
    return this.step(
      motion,
      'amend',
      // The amendment count in the filter keeps two concurrent amendments from both taking the same number.
      {
        update: { $set: { title, description }, $push: { amendments: amendment } },
        where: { amendments: { $size: motion.amendments.length } },
      },
      (updated, session) =>
        this.outbox.record(
          motionAmended,
          { motionId: updated.id, amendment: amendment.number, summary: amendment.summary },
          { session },
        ),
    );
  }

  /** The motion's amendments, oldest first. */
  amendmentsOf(motion: MotionDocument, args: ConnectionArgs) {
    return listConnection(motion.amendments, args);
  }

  async comment(motion: MotionDocument, body: string) {
    requireStep(motion.state, 'comment', motion.id);
    return this.comments.create({ motionId: motion._id, body, at: this.clock.now(), by: actorRef() });
  }

  commentsOn(loaders: RequestLoaders, motionId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.comments, 'motionId', motionId, args);
  }

  withdraw(motion: MotionDocument): Promise<MotionDocument> {
    return this.step(motion, 'withdraw', { to: MotionStatus.WITHDRAWN }, (updated, session) =>
      this.outbox.record(motionWithdrawn, { motionId: updated.id, from: motion.state }, { session }),
    );
  }

  /**
   * Newest first: the motions matching `filter` among those the caller may list (those of the places their roles
   * cover, the places they live in, their partner communities); FORBIDDEN when that is nowhere.
   */
  listVisible(
    residence: Place | null,
    { status, matterKind, ...page }: MotionFilterArgs,
    where: QueryFilter<Motion> = {},
  ) {
    return paginateVisible(
      this.motions,
      residence,
      { ...where, ...(status && { state: status }), ...(matterKind && { matterKind }) },
      page,
      { direction: -1 },
    );
  }

  /** Newest first: a community's or compound's motions (`level` names which) among those the caller may list. */
  ofPlace(
    loaders: RequestLoaders,
    residence: Place | null,
    level: 'communityId' | 'compoundId',
    placeId: string,
    { status, matterKind, ...page }: MotionFilterArgs,
  ) {
    const filter = { ...(status && { state: status }), ...(matterKind && { matterKind }) };
    return childrenVisible(loaders, this.motions, residence, level, placeId, filter, page, { direction: -1 });
  }
}
