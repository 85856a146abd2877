import {
  lampRenewalProjectAccepted,
  lampRenewalProjectCancelled,
  lampRenewalProjectCreated,
  lampRenewalProjectStarted,
  lampRenewalProjectTendered,
  motionPassed,
  ruleOverridden,
  type EventOf,
} from '@gongzhi/contracts';
import {
  Clock,
  type ConnectionArgs,
  childConnection,
  EventConsumers,
  type ConnectionShape,
  listConnection,
  loadById,
  OutboxPublisher,
  overrideNote,
  paginate,
  type RequestLoaders,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Connection, type Model, type QueryFilter, type UpdateQuery, Types } from 'mongoose';
import { objectIdOrNull } from '../organization-copy/place';
import type { InPlaceArgs } from '../organization-copy/place.inputs';
import { PartnersService } from '../organization-copy/partners.service';
import { TerritoryService } from '../organization-copy/territory.service';
import { stepOf } from './history';
import {
  LampRenewalProject,
  type LampRenewalProjectDocument,
  LampRenewalProjectStatus,
} from './lamp-renewal-project.schema';
import {
  LAMP_RENEWAL_PROJECT_STEP_TO,
  LAMP_RENEWAL_PROJECT_STEPS,
  LampRenewalProjectAction,
} from './lamp-renewal-steps';
import { Lamp, type LampDocument, LampStatus } from './lamp.schema';
import { LightingErrors } from './lighting.errors';
import type {
  AcceptLampRenewalProjectInput,
  CancelLampRenewalProjectInput,
  StartLampRenewalProjectInput,
  TenderLampRenewalProjectInput,
} from './lighting.inputs';

/** The rule an acceptance with a lamp still faulty sets aside, by the code it is otherwise refused with. */
const LAMPS_STILL_FAULTY = 'LAMP_RENEWAL_PROJECT.LAMPS_STILL_FAULTY';

const NEWEST_FIRST = { sortBy: 'motionPassedAt', direction: -1 } as const;

/**
 * Renewal projects, one per lighting motion passed in deliberation (民事民决 → 民事民办). The consumer's own
 * de-duplication skips a redelivered event; the unique motion id keeps one project even when deliberation publishes
 * the same decision twice under two event ids.
 */
@Injectable()
export class LampRenewalsService implements OnModuleInit {
  constructor(
    @InjectModel(LampRenewalProject.name) readonly projects: Model<LampRenewalProject>,
    @InjectModel(Lamp.name) private readonly lamps: Model<Lamp>,
    @InjectConnection() private readonly connection: Connection,
    private readonly consumers: EventConsumers,
    private readonly outbox: OutboxPublisher,
    private readonly territory: TerritoryService,
    private readonly partners: PartnersService,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.projects.init();
    this.consumers.register({
      name: 'lighting-motions',
      events: [motionPassed],
      handle: async (event, session, { logger }) => {
        if (event.payload.matterKind !== 'FACILITIES_LIGHTING') return;
        const created = await this.createFor(event, session);
        logger.info(
          { motionId: event.payload.motionId, created },
          created ? 'renewal project created' : 'renewal project already there',
        );
      },
    });
  }

  /** Creates the motion's project unless it exists; true when it did. */
  private async createFor({ payload: motion }: EventOf<typeof motionPassed>, session: ClientSession): Promise<boolean> {
    const communityId = objectIdOrNull(motion.communityId);
    const named = motion.lampIds.map(objectIdOrNull).filter((lampId) => lampId !== null);
    // Only lamps of the motion's community: a motion decides for its own place.
    const known = communityId
      ? await this.lamps
          .find({ _id: { $in: named }, communityId }, { _id: 1 })
          .session(session)
          .exec()
      : [];
    const knownIds = new Set(known.map((lamp) => String(lamp._id)));
    const result = await this.projects.updateOne(
      { motionId: motion.motionId },
      {
        $setOnInsert: {
          title: motion.title,
          lampsDescription: motion.description,
          lampIds: known.map((lamp) => lamp._id),
          unknownLampIds: motion.lampIds.filter((lampId) => !knownIds.has(lampId)),
          motionPassedAt: new Date(motion.passedAt),
          communityId: motion.communityId,
          compoundId: motion.compoundId,
          buildingId: null,
        },
      },
      { upsert: true, session },
    );
    if (!result.upsertedId) return false;
    await this.outbox.record(
      lampRenewalProjectCreated,
      {
        projectId: String(result.upsertedId),
        motionId: motion.motionId,
        communityId: motion.communityId,
        compoundId: motion.compoundId,
        lampIds: [...knownIds],
      },
      { session },
    );
    return true;
  }

  /** The tender: a contractor of the community won it, for `amountFen`. */
  async tender(project: LampRenewalProjectDocument, { partnerUnitId, amountFen, note }: TenderLampRenewalProjectInput) {
    this.refuseUnlessAllowed(project, LampRenewalProjectAction.TENDER);
    const now = this.clock.now();
    if (!(await this.partners.worksIn(partnerUnitId, project.communityId, now)))
      throw LightingErrors.contractorNotInCommunity(partnerUnitId);
    return this.step(
      project,
      LampRenewalProjectAction.TENDER,
      note ?? null,
      { contractorId: new Types.ObjectId(partnerUnitId), tenderAmountFen: amountFen },
      (tendered, session) =>
        this.outbox.record(
          lampRenewalProjectTendered,
          { ...this.subject(tendered), partnerUnitId, amountFen },
          { session },
        ),
    );
  }

  /** The contractor starts work on the lamps. */
  start(project: LampRenewalProjectDocument, { note }: StartLampRenewalProjectInput) {
    this.refuseUnlessAllowed(project, LampRenewalProjectAction.START);
    return this.step(project, LampRenewalProjectAction.START, note ?? null, {}, (started, session) =>
      this.outbox.record(
        lampRenewalProjectStarted,
        { ...this.subject(started), partnerUnitId: String(started.contractorId) },
        { session },
      ),
    );
  }

  /**
   * The acceptance (验收): only when every lamp of the project works, unless the community office overrides (the
   * resolver checks who), which the step's note and `governance.rule.overridden` keep.
   */
  async accept(
    project: LampRenewalProjectDocument,
    { note, residentsRepresentative, override }: AcceptLampRenewalProjectInput,
  ) {
    this.refuseUnlessAllowed(project, LampRenewalProjectAction.ACCEPT);
    const faulty = await this.lamps
      .find({ _id: { $in: project.lampIds }, status: LampStatus.FAULTY }, { assetNumber: 1 })
      .sort({ assetNumber: 1 })
      .exec();
    if (faulty.length && !override)
      throw LightingErrors.lampsStillFaulty(
        project.id,
        faulty.map((lamp) => lamp.assetNumber),
      );
    const overridden = faulty.length ? override?.reason : undefined;
    return this.step(
      project,
      LampRenewalProjectAction.ACCEPT,
      overridden === undefined ? note : overrideNote(LAMPS_STILL_FAULTY, overridden, note),
      { residentsRepresentative: residentsRepresentative ?? null },
      async (accepted, session) => {
        await this.outbox.record(
          lampRenewalProjectAccepted,
          {
            ...this.subject(accepted),
            partnerUnitId: String(accepted.contractorId),
            lampIds: accepted.lampIds.map(String),
            faultyLampIds: faulty.map((lamp) => lamp.id),
          },
          { session },
        );
        if (overridden !== undefined)
          await this.outbox.record(
            ruleOverridden,
            {
              rule: LAMPS_STILL_FAULTY,
              subjectType: 'LampRenewalProject',
              subjectId: accepted.id,
              communityId: String(accepted.communityId),
              reason: overridden,
            },
            { session },
          );
      },
    );
  }

  cancel(project: LampRenewalProjectDocument, { reason }: CancelLampRenewalProjectInput) {
    this.refuseUnlessAllowed(project, LampRenewalProjectAction.CANCEL);
    return this.step(project, LampRenewalProjectAction.CANCEL, reason, {}, (cancelled, session) =>
      this.outbox.record(lampRenewalProjectCancelled, { ...this.subject(cancelled), reason }, { session }),
    );
  }

  private refuseUnlessAllowed(project: LampRenewalProjectDocument, action: LampRenewalProjectAction) {
    if (!(LAMP_RENEWAL_PROJECT_STEPS[action] as readonly string[]).includes(project.status))
      throw LightingErrors.renewalIllegalStep(project.id, project.status, action);
  }

  /**
   * Takes `action` if the project is still in a status that allows it, with its event, in one transaction: of two
   * simultaneous steps one wins, the other is LAMP_RENEWAL_PROJECT.ILLEGAL_STEP.
   */
  private step(
    project: LampRenewalProjectDocument,
    action: LampRenewalProjectAction,
    note: string | null,
    set: UpdateQuery<LampRenewalProject>['$set'],
    alsoWrite: (changed: LampRenewalProjectDocument, session: ClientSession) => Promise<unknown>,
  ): Promise<LampRenewalProjectDocument> {
    const to = LAMP_RENEWAL_PROJECT_STEP_TO[action];
    return withTransaction(this.connection, async (session) => {
      const changed = await this.projects
        .findOneAndUpdate(
          { _id: project._id, status: { $in: this.storedAs(LAMP_RENEWAL_PROJECT_STEPS[action]) } },
          { $set: { ...set, status: to }, $push: { steps: stepOf(to, this.clock.now(), note) } },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!changed) {
        const now = await this.projects.findById(project._id, { status: 1 }).session(session).exec();
        throw LightingErrors.renewalIllegalStep(project.id, now?.status ?? project.status, action);
      }
      await alsoWrite(changed, session);
      return changed;
    });
  }

  /** The stored statuses of `statuses`: a project from before statuses were recorded has none and is PLANNED. */
  private storedAs(statuses: readonly LampRenewalProjectStatus[]): (LampRenewalProjectStatus | null)[] {
    return statuses.includes(LampRenewalProjectStatus.PLANNED) ? [...statuses, null] : [...statuses];
  }

  /** What every step's event starts with. */
  private subject(project: LampRenewalProjectDocument) {
    return { projectId: project.id, motionId: project.motionId, communityId: String(project.communityId) };
  }

  async list(loaders: RequestLoaders, { placeId, ...page }: InPlaceArgs) {
    const filter: QueryFilter<LampRenewalProject> = placeId ? await this.territory.within(loaders, placeId) : {};
    return paginate(this.projects, filter, page, NEWEST_FIRST);
  }

  /** The projects of each community of a page, in one query for all of them. */
  ofCommunity(loaders: RequestLoaders, communityId: string, args: ConnectionArgs) {
    return childConnection(loaders, this.projects, 'communityId', communityId, args, NEWEST_FIRST);
  }

  /** A page of the project's lamps, in the motion's order; the lamps of every project asked about in one query. */
  async lampsOf(
    loaders: RequestLoaders,
    project: LampRenewalProject,
    args: ConnectionArgs,
  ): Promise<ConnectionShape<LampDocument>> {
    const page = listConnection(project.lampIds, args);
    const lamps = await Promise.all(page.edges.map(({ node }) => loadById(loaders, this.lamps, node)));
    return {
      ...page,
      edges: page.edges.flatMap(({ cursor }, index) => (lamps[index] ? [{ cursor, node: lamps[index] }] : [])),
    };
  }

  load(loaders: RequestLoaders, id: unknown) {
    return loadById(loaders, this.projects, id);
  }
}
