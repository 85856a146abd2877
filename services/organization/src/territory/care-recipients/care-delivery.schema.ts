import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/**
 * What organization knows of a care order of services, from services' events, to decide who may read the contact
 * details of the resident it is for: the provider it is addressed to (a partner unit, or a volunteer) and the
 * volunteer it sends, while the order is open. `_id` is services' order id.
 */
@Schema({ collection: 'care_deliveries', versionKey: false })
export class CareDelivery {
  @Prop({ type: String })
  _id!: string;

  /** Absent while only a later step has arrived (before the order's care.order.placed): nobody's record to hand out. */
  @Prop({ type: SchemaTypes.ObjectId })
  residentId?: Types.ObjectId;

  /** The resident's community: where a partner's agreement must be in force (absent, as residentId, until placed). */
  @Prop({ type: SchemaTypes.ObjectId })
  communityId?: Types.ObjectId;

  /** The partner unit that takes the order; null when a volunteer provides it. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  partnerUnitId!: Types.ObjectId | null;

  /** services' providers of the order: the one it is addressed to and the volunteer it sends, once accepted. */
  @Prop({ type: [String], default: [] })
  providerIds!: string[];

  /** The item's category (services' CareCategory): what the resident's consent to share their number must cover. */
  @Prop({ type: String, default: null })
  category!: string | null;

  /** False once declined, completed or cancelled: nothing left to deliver. */
  @Prop({ required: true })
  open!: boolean;
}

/** A volunteer provider of services (东方达人) and the resident they are. `_id` is services' provider id. */
@Schema({ collection: 'care_volunteers', versionKey: false })
export class CareVolunteer {
  @Prop({ type: String })
  _id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  residentId!: Types.ObjectId;
}

export const CareDeliverySchema = SchemaFactory.createForClass(CareDelivery);
export const CareVolunteerSchema = SchemaFactory.createForClass(CareVolunteer);
