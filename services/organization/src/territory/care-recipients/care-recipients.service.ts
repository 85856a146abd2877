import {
  careOrderAccepted,
  careOrderCancelled,
  careOrderCompleted,
  careOrderDeclined,
  careOrderPlaced,
  careProviderRegistered,
} from '@gongzhi/contracts';
import { EventConsumers, type EventOfAny, loadById, type RequestLoaders } from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types, type UpdateQuery } from 'mongoose';
import { CareDelivery, CareVolunteer } from './care-delivery.schema';

const CARE_EVENTS = [
  careProviderRegistered,
  careOrderPlaced,
  careOrderAccepted,
  careOrderDeclined,
  careOrderCompleted,
  careOrderCancelled,
] as const;
type CareEvent = EventOfAny<(typeof CARE_EVENTS)[number]>;

/**
 * Who delivers which care order, kept from services' events by one durable consumer (each event applied once, in
 * whatever order it arrives): what the care recipient's access check reads, without a call to services.
 */
@Injectable()
export class CareDeliveries implements OnModuleInit {
  constructor(
    @InjectModel(CareDelivery.name) private readonly deliveries: Model<CareDelivery>,
    @InjectModel(CareVolunteer.name) private readonly volunteers: Model<CareVolunteer>,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'care-deliveries',
      events: CARE_EVENTS,
      handle: (event, session) => this.apply(event, session),
    });
  }

  load(loaders: RequestLoaders, orderId: string) {
    return loadById(loaders, this.deliveries, orderId);
  }

  /** The residents who deliver the order as volunteers (its volunteer provider, the volunteer a partner sends). */
  async volunteerResidentIds(delivery: CareDelivery): Promise<string[]> {
    if (delivery.providerIds.length === 0) return [];
    const volunteers = await this.volunteers
      .find({ _id: { $in: delivery.providerIds } })
      .lean()
      .exec();
    return volunteers.map((volunteer) => String(volunteer.residentId));
  }

  /**
   * Each step upserts the order's record with what it says, whichever comes first: JetStream keeps no order across
   * subjects and a redelivery comes after later events, so a step that arrives before `care.order.placed` is kept
   * (a record with no resident yet, which no reader hands out) and `placed` fills in the rest. A closed order stays
   * closed whatever arrives after, so every order of arrival ends in the same record.
   */
  private async apply(event: CareEvent, session: ClientSession): Promise<void> {
    const upsert = (orderId: string, update: UpdateQuery<CareDelivery>) =>
      this.deliveries.updateOne({ _id: orderId }, update, { upsert: true, session }).exec();
    switch (event.type) {
      case 'care.provider.registered': {
        const { providerId, kind, residentId } = event.payload;
        if (kind === 'VOLUNTEER' && residentId)
          await this.volunteers.updateOne(
            { _id: providerId },
            { $setOnInsert: { residentId: new Types.ObjectId(residentId) } },
            { upsert: true, session },
          );
        return;
      }
      case 'care.order.placed': {
        const { orderId, residentId, communityId, partnerUnitId, providerId, category } = event.payload;
        await upsert(orderId, {
          $set: {
            residentId: new Types.ObjectId(residentId),
            communityId: new Types.ObjectId(communityId),
            partnerUnitId: partnerUnitId ? new Types.ObjectId(partnerUnitId) : null,
            category,
          },
          $addToSet: { providerIds: providerId },
          $setOnInsert: { open: true },
        });
        return;
      }
      case 'care.order.accepted': {
        const { orderId, volunteerId } = event.payload;
        if (volunteerId)
          await upsert(orderId, { $addToSet: { providerIds: volunteerId }, $setOnInsert: { open: true } });
        return;
      }
      case 'care.order.declined':
      case 'care.order.completed':
      case 'care.order.cancelled':
        await upsert(event.payload.orderId, { $set: { open: false } });
        return;
    }
  }
}
