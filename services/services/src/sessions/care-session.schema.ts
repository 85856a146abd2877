import { StatusStep, createdAtOf, type Step } from '@gongzhi/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { Cancellation } from '../care-records/cancellation.schema';
import { ProvidedCare } from '../care-records/provided-care.schema';

/**
 * A session of an item run in sessions, with a fixed number of places: a holiday class of 30, a day at a day-care
 * centre of 20. The counters are the source of truth for places: every booking change writes this document in its
 * transaction, so concurrent bookings of one session are serialised and never exceed its capacity.
 */
@ObjectType({
  description: 'A session of an item run in sessions (a holiday class, a day at the day-care centre), with its places.',
})
@Schema({ collection: 'care_sessions', timestamps: true })
export class CareSession {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  itemId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  providerId!: Types.ObjectId;

  /** The item's community. */
  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;

  @Field({ description: 'e.g. 暑期白天托管班 第一期.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field(() => String, { nullable: true, description: 'e.g. 淞源社区党群服务中心二楼.' })
  @Prop({ type: String, trim: true, default: null })
  location!: string | null;

  @Field({ description: 'When it starts.' })
  @Prop({ required: true })
  startsAt!: Date;

  @Field({ description: 'When it ends.' })
  @Prop({ required: true })
  endsAt!: Date;

  @Field(() => Int, { description: 'Places in it.' })
  @Prop({ required: true, min: 1 })
  capacity!: number;

  @Field(() => Int, { description: 'Places taken.' })
  @Prop({ default: 0, min: 0 })
  confirmedCount!: number;

  @Field(() => Int, { description: 'Residents waiting in line for a place.' })
  @Prop({ default: 0, min: 0 })
  waitlistedCount!: number;

  /** Hands out places in line: each waitlisted booking gets the next number, and the lowest is promoted first. */
  @Prop({ default: 0 })
  waitlistSeq!: number;

  /**
   * The community alliance (社区联盟) the session is opened to, if any: residents of its member communities book it as
   * the offering community's do, even when the item is for residents only (CareSession.sharedWith).
   */
  @Prop({ type: SchemaTypes.ObjectId, default: null, index: true })
  sharedWithAllianceId!: Types.ObjectId | null;
}

export type CareSessionDocument = HydratedDocument<CareSession>;
export const CareSessionSchema = SchemaFactory.createForClass(CareSession);
CareSessionSchema.index({ itemId: 1, startsAt: 1 });

export enum SessionBookingStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SessionBookingStatus, {
  name: 'SessionBookingStatus',
  description: 'Where a booking stands.',
  valuesMap: {
    CONFIRMED: { description: 'It holds a place in the session.' },
    WAITLISTED: { description: 'It waits in line for a place (候补).' },
    CANCELLED: { description: 'Cancelled: by the resident’s side or the provider, or because the resident moved out.' },
  },
});

export const OPEN_BOOKING_STATUSES = [SessionBookingStatus.CONFIRMED, SessionBookingStatus.WAITLISTED];

export enum SessionBookingAction {
  CANCEL = 'CANCEL',
}
registerEnumType(SessionBookingAction, {
  name: 'SessionBookingAction',
  description: 'A step a booking can take next.',
  valuesMap: { CANCEL: { description: 'Give up the place, or the place in line (cancelSessionBooking).' } },
});

/** The steps a booking in `status` can take: an open one can be cancelled, a cancelled one nothing. */
export function bookingStepsFrom(status: SessionBookingStatus): SessionBookingAction[] {
  return OPEN_BOOKING_STATUSES.includes(status) ? [SessionBookingAction.CANCEL] : [];
}

@ObjectType({ description: "A change of a booking's status: one entry of its history." })
@Schema({ _id: false })
export class SessionBookingStep extends StatusStep(SessionBookingStatus, 'booking') {}

@ObjectType({ description: "A resident's place in a session, or their place in line for one." })
@Schema({ collection: 'session_bookings', timestamps: true })
export class SessionBooking extends ProvidedCare {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  itemId!: Types.ObjectId;

  @Field(() => SessionBookingStatus, { description: 'Where the booking stands.' })
  @Prop({ type: String, enum: SessionBookingStatus, required: true })
  status!: SessionBookingStatus;

  /** WAITLISTED: its number in line (see CareSession.waitlistSeq). */
  @Prop({ type: Number, default: null })
  queuedSeq!: number | null;

  @Field(() => Date, { nullable: true, description: 'When a freed place went to it from the waitlist.' })
  @Prop({ type: Date, default: null })
  promotedAt!: Date | null;

  @Field(() => Cancellation, { nullable: true, description: 'CANCELLED: why and when.' })
  @Prop({ type: SchemaFactory.createForClass(Cancellation), default: null })
  cancellation!: Cancellation | null;

  /** Its status changes, oldest first; the API pages them as SessionBooking.history. */
  @Prop({ type: [SchemaFactory.createForClass(SessionBookingStep)], default: [] })
  history!: SessionBookingStep[];

  @Field({ description: 'When it was booked.' })
  createdAt!: Date;
}

export type SessionBookingDocument = HydratedDocument<SessionBooking>;

/**
 * The history of a booking made before bookings kept one, told from what it holds: it waited in line when it was
 * given a number in line or promoted from it (else it was confirmed when made), was confirmed when promoted, and
 * cancelled when its cancellation says.
 */
export function bookingHistoryOf(
  booking: Pick<SessionBooking, 'queuedSeq' | 'promotedAt' | 'cancellation'> & {
    _id: Types.ObjectId;
    createdAt?: Date | null;
  },
): Step<SessionBookingStatus>[] {
  const waited = booking.queuedSeq != null || booking.promotedAt != null;
  const steps: Step<SessionBookingStatus>[] = [
    {
      status: waited ? SessionBookingStatus.WAITLISTED : SessionBookingStatus.CONFIRMED,
      at: createdAtOf(booking),
      note: null,
    },
  ];
  if (booking.promotedAt) steps.push({ status: SessionBookingStatus.CONFIRMED, at: booking.promotedAt, note: null });
  const { cancellation } = booking;
  if (cancellation)
    steps.push({ status: SessionBookingStatus.CANCELLED, at: cancellation.at, note: cancellation.reason ?? null });
  return steps;
}
export const SessionBookingSchema = SchemaFactory.createForClass(SessionBooking);
// One open booking per resident and session; cancelled ones stay for history.
SessionBookingSchema.index(
  { sessionId: 1, residentId: 1 },
  { unique: true, partialFilterExpression: { status: { $in: OPEN_BOOKING_STATUSES } } },
);
SessionBookingSchema.index({ sessionId: 1, status: 1, queuedSeq: 1 });
SessionBookingSchema.index({ residentId: 1 });
