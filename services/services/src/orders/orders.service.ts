import {
  type AnyEventContract,
  careOrderAccepted,
  careOrderCancelled,
  careOrderCompleted,
  careOrderDeclined,
  careOrderPlaced,
  careOrderRated,
  careOrderScheduled,
  type PayloadInputOf,
  ruleOverridden,
} from '@gongzhi/contracts';
import {
  OutboxPublisher,
  RequestLoaders,
  childConnection,
  loadById,
  overrideNote,
  paginate,
  requireById,
  withTransaction,
} from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { ClientSession, Connection, Model, QueryFilter } from 'mongoose';
import { Clock } from '@gongzhi/platform';
import { CareDelivery } from '../catalogue/care-item.schema';
import { CancellationCause } from '../care-records/cancellation.schema';
import { givenBy } from '../care-records/provided-care.schema';
import { cancellationCauseOf, careLosingItsConsent, restingOn } from '../care-records/arranged-on-consent';
import { CatalogueService } from '../catalogue/catalogue.service';
import { requireEligible } from '../catalogue/eligibility';
import { aboutResident } from '../organization-copy/about-resident.schema';
import type { DirectoryResidentDocument } from '../organization-copy/directory.schema';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { CareProviderKind } from '../providers/care-provider.schema';
import { ProvidersService } from '../providers/providers.service';
import { TimeBankService } from '../time-bank/time-bank.service';
import { CareOrder, CareOrderDocument } from './care-order.schema';
import {
  CareOrderAction,
  CareOrderStatus,
  OPEN_STATUSES,
  ORDER_ACTIONS,
  illegalStep,
  requireAction,
} from './care-order.steps';
import { OrderErrors } from './orders.errors';
import {
  AcceptCareOrderInput,
  CancelCareOrderInput,
  CompleteCareOrderInput,
  DeclineCareOrderInput,
  OrderFilterArgs,
  PlaceCareOrderInput,
  RateCareOrderInput,
  ScheduleCareOrderInput,
} from './orders.inputs';

/** The history's note on orders closed because the resident moved out (迁出). */
const MOVED_OUT_NOTE = '居民已迁出';
/** The history's note on orders closed because the consent they rested on was withdrawn: a guardian's, or the resident's. */
const CONSENT_WITHDRAWN_NOTES: Partial<Record<CancellationCause, string>> = {
  [CancellationCause.GUARDIAN_CONSENT_WITHDRAWN]: '监护人已撤回同意',
  [CancellationCause.CONSENT_WITHDRAWN]: '居民已撤回同意',
};

/** Newest first. */
const NEWEST_FIRST = { sortBy: '_id', direction: -1 } as const;

/** What a step writes, and the event it records once written. */
interface Step<C extends AnyEventContract> {
  set: Partial<CareOrder>;
  event: C;
  payload: (order: CareOrderDocument) => PayloadInputOf<C>;
  /** The reason given for the step, kept in the order's history. */
  note?: string | null;
  /** More writes in the same transaction (the time bank's credit). */
  alsoWrite?: (order: CareOrderDocument, session: ClientSession) => Promise<void>;
}

/**
 * Care orders through their steps (see care-order.steps.ts). Each step is one conditional write on the order's
 * status, in a transaction with its event: an illegal step — or one another request made first — changes nothing.
 */
@Injectable()
export class OrdersService implements OnModuleInit {
  constructor(
    @InjectModel(CareOrder.name) readonly orders: Model<CareOrder>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly directory: ResidentDirectory,
    private readonly catalogue: CatalogueService,
    private readonly providers: ProvidersService,
    private readonly timeBank: TimeBankService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.directory.afterMoveOut((residentId, session) =>
      this.closeOpenOrders({ residentId }, CancellationCause.RESIDENT_MOVED_OUT, MOVED_OUT_NOTE, session),
    );
    // The open orders that rested on the withdrawn consent, and that no other consent covers, close.
    this.directory.afterConsentWithdrawn(async (withdrawn, session) => {
      const open = { status: { $in: OPEN_STATUSES } };
      const losing = await careLosingItsConsent(this.orders, open, withdrawn, this.directory, session);
      if (losing.length === 0) return;
      const cause = cancellationCauseOf(withdrawn);
      await this.closeOpenOrders({ _id: { $in: losing } }, cause, CONSENT_WITHDRAWN_NOTES[cause]!, session);
    });
  }

  /** `resident` lives in a community and the caller may order for them; `onBehalf` when the caller is not of their household. */
  async place(
    loaders: RequestLoaders,
    resident: DirectoryResidentDocument,
    input: PlaceCareOrderInput,
    onBehalf: boolean,
  ): Promise<CareOrderDocument> {
    const item = await this.catalogue.require(loaders, input.itemId);
    if (item.delivery !== CareDelivery.ON_REQUEST) throw OrderErrors.bookASession(item.id);
    const consent = requireEligible(item, resident);
    const provider = await this.catalogue.providerOf(loaders, item, input.providerId);
    return withTransaction(this.connection, async (session) => {
      await this.directory.holdLivingResident(resident._id, session, consent ?? undefined);
      const [order] = await this.orders.create(
        [
          {
            status: CareOrderStatus.PLACED,
            itemId: item._id,
            ...givenBy(provider, item),
            ...aboutResident(resident),
            onBehalf,
            ...restingOn(item.category, consent),
            note: input.note ?? null,
            wishedFor: input.wishedFor ?? null,
            history: [{ status: CareOrderStatus.PLACED, at: this.clock.now(), note: null }],
          },
        ],
        { session },
      );
      await this.outbox.record(
        careOrderPlaced,
        {
          orderId: order.id,
          itemId: item.id,
          providerId: provider.id,
          partnerUnitId: provider.partnerUnitId ? String(provider.partnerUnitId) : null,
          residentId: String(resident._id),
          communityId: String(resident.communityId),
          onBehalf,
          category: item.category,
        },
        { session },
      );
      return order;
    });
  }

  async accept(
    loaders: RequestLoaders,
    order: CareOrderDocument,
    { volunteerId }: AcceptCareOrderInput,
  ): Promise<CareOrderDocument> {
    const volunteer = volunteerId ? await this.providers.load(loaders, volunteerId) : null;
    if (
      volunteerId &&
      !(volunteer?.kind === CareProviderKind.VOLUNTEER && volunteer.coordinatorId?.equals(order.providerId))
    ) {
      throw OrderErrors.invalidVolunteer(volunteerId);
    }
    const sent = volunteer ? { volunteerId: volunteer._id, volunteerResidentId: volunteer.residentId } : {};
    return this.step(order, CareOrderAction.ACCEPT, {
      set: sent,
      event: careOrderAccepted,
      payload: (accepted) => ({
        orderId: accepted.id,
        providerId: String(accepted.providerId),
        volunteerId: accepted.volunteerId ? String(accepted.volunteerId) : null,
      }),
    });
  }

  decline(order: CareOrderDocument, { reason }: DeclineCareOrderInput): Promise<CareOrderDocument> {
    return this.step(order, CareOrderAction.DECLINE, {
      set: { declineReason: reason },
      note: reason,
      event: careOrderDeclined,
      payload: (declined) => ({ orderId: declined.id, providerId: String(declined.providerId) }),
    });
  }

  schedule(order: CareOrderDocument, { scheduledFor }: ScheduleCareOrderInput): Promise<CareOrderDocument> {
    return this.step(order, CareOrderAction.SCHEDULE, {
      set: { scheduledFor },
      event: careOrderScheduled,
      payload: (scheduled) => ({ orderId: scheduled.id, scheduledFor: scheduledFor.toISOString() }),
    });
  }

  /**
   * Delivered: the visit is logged and, when a volunteer made it, credited to the time bank. A visit logged as starting
   * before the order's scheduled time is refused unless overridden (the resolver checks who), which the history's note
   * and `governance.rule.overridden` keep.
   */
  complete(order: CareOrderDocument, { visit, override }: CompleteCareOrderInput): Promise<CareOrderDocument> {
    const early = order.scheduledFor != null && visit.startedAt.getTime() < order.scheduledFor.getTime();
    if (early && !override) throw OrderErrors.notYetDue(order.scheduledFor!);
    const overridden = early ? override!.reason : undefined;
    return this.step(order, CareOrderAction.COMPLETE, {
      set: { visit: { startedAt: visit.startedAt, minutes: visit.minutes, note: visit.note ?? null } },
      note: overridden === undefined ? null : overrideNote('CARE_ORDER.NOT_YET_DUE', overridden),
      event: careOrderCompleted,
      payload: (completed) => ({
        orderId: completed.id,
        minutes: visit.minutes,
        volunteerId: completed.volunteerId ? String(completed.volunteerId) : null,
      }),
      alsoWrite: async (completed, session) => {
        if (overridden !== undefined)
          await this.outbox.record(
            ruleOverridden,
            {
              rule: 'CARE_ORDER.NOT_YET_DUE',
              subjectType: 'CareOrder',
              subjectId: completed.id,
              communityId: String(completed.communityId),
              reason: overridden,
            },
            { session },
          );
        if (!completed.volunteerResidentId) return;
        const credit = {
          orderId: completed._id,
          volunteerResidentId: completed.volunteerResidentId,
          recipientResidentId: completed.residentId,
          minutes: visit.minutes,
        };
        await this.timeBank.credit(credit, session);
      },
    });
  }

  rate(order: CareOrderDocument, { stars, comment }: RateCareOrderInput): Promise<CareOrderDocument> {
    return this.step(order, CareOrderAction.RATE, {
      set: { rating: { stars, comment: comment ?? null, ratedAt: this.clock.now() } },
      event: careOrderRated,
      payload: (rated) => ({ orderId: rated.id, providerId: String(rated.providerId), stars }),
    });
  }

  cancel(order: CareOrderDocument, { reason }: CancelCareOrderInput): Promise<CareOrderDocument> {
    return this.step(order, CareOrderAction.CANCEL, {
      set: { cancellation: { cause: CancellationCause.REQUESTED, reason: reason ?? null, at: this.clock.now() } },
      note: reason ?? null,
      event: careOrderCancelled,
      payload: (cancelled) => ({ orderId: cancelled.id, cause: CancellationCause.REQUESTED }),
    });
  }

  private step<C extends AnyEventContract>(
    order: CareOrderDocument,
    action: CareOrderAction,
    step: Step<C>,
  ): Promise<CareOrderDocument> {
    const to = requireAction(order.status, action);
    return withTransaction(this.connection, async (session) => {
      const updated = await this.orders
        .findOneAndUpdate(
          { _id: order._id, status: { $in: ORDER_ACTIONS[action].from } },
          {
            $set: { ...step.set, status: to },
            $push: { history: { status: to, at: this.clock.now(), note: step.note ?? null } },
          },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!updated) {
        // Another request moved the order first: refuse from where it is now.
        const current = await this.orders.findById(order._id, { status: 1 }, { session }).exec();
        throw illegalStep(current?.status ?? order.status, action);
      }
      await this.outbox.record(step.event, step.payload(updated), { session });
      await step.alsoWrite?.(updated, session);
      return updated;
    });
  }

  /** Organization reported a fact that ends the resident's open orders: each closes with its event, in the consumer's transaction. */
  private async closeOpenOrders(
    which: QueryFilter<CareOrder>,
    cause: CancellationCause,
    note: string,
    session: ClientSession,
  ): Promise<void> {
    const open = { ...which, status: { $in: OPEN_STATUSES } };
    const closing = await this.orders.find(open, { _id: 1 }, { session }).lean().exec();
    if (closing.length === 0) return;
    const at = this.clock.now();
    await this.orders.updateMany(
      { ...open, _id: { $in: closing.map((order) => order._id) } },
      {
        $set: {
          status: CareOrderStatus.CANCELLED,
          cancellation: { cause, reason: null, at },
        },
        $push: { history: { status: CareOrderStatus.CANCELLED, at, note } },
      },
      { session },
    );
    for (const { _id } of closing)
      await this.outbox.record(careOrderCancelled, { orderId: String(_id), cause }, { session });
  }

  load(loaders: RequestLoaders, id: unknown): Promise<CareOrderDocument | null> {
    return loadById(loaders, this.orders, id);
  }

  require(loaders: RequestLoaders, id: string): Promise<CareOrderDocument> {
    return requireById(loaders, this.orders, id, OrderErrors.notFound);
  }

  /** Newest first, inside `reach` (what the caller may see). */
  list(filter: QueryFilter<CareOrder>, reach: QueryFilter<CareOrder>, page: OrderFilterArgs) {
    const status = page.status ? { status: page.status } : {};
    return paginate(this.orders, { $and: [reach, filter, status] }, page, NEWEST_FIRST);
  }

  /** A resident's orders, newest first, inside `reach`; batched across every resident of the request. */
  ofResident(
    loaders: RequestLoaders,
    residentId: string,
    reach: QueryFilter<CareOrder>,
    { status, ...page }: OrderFilterArgs,
  ) {
    return childConnection(loaders, this.orders, 'residentId', residentId, page, {
      ...NEWEST_FIRST,
      filter: { $and: [reach, status ? { status } : {}] },
    });
  }
}
