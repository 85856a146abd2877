import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';

export enum RoomBookingStatus {
  /** Holding its slots. */
  CONFIRMED = 'CONFIRMED',
  /** Cancelled: its slots are free again. */
  CANCELLED = 'CANCELLED',
}
registerEnumType(RoomBookingStatus, {
  name: 'RoomBookingStatus',
  description: 'Where a room booking stands.',
  valuesMap: {
    CONFIRMED: { description: 'Holding its slots.' },
    CANCELLED: { description: 'Cancelled: its slots are free again.' },
  },
});

@ObjectType({ description: 'A room booked for a stretch of its slots.' })
@Directive('@key(fields: "id")')
@Schema({ collection: 'room_bookings', versionKey: false, timestamps: true })
export class RoomBooking extends InCommunity {
  @Field(() => ID, { description: 'The booking’s id.' })
  id!: string;

  @Field({ description: 'When it starts, on one of the room’s slot steps.' })
  @Prop({ required: true })
  startsAt!: Date;

  @Field({ description: 'When it ends.' })
  @Prop({ required: true })
  endsAt!: Date;

  /**
   * The start of every slot the booking holds. A unique index over (room, slot start) among confirmed bookings is
   * what keeps two bookings off the same slot, however many requests race for it.
   */
  @Prop({ type: [Date], required: true })
  slotStarts!: Date[];

  @Field({ description: 'e.g. 楼道微党课, 象棋友谊赛.' })
  @Prop({ required: true, trim: true })
  purpose!: string;

  @Field(() => Int, { description: 'People coming.' })
  @Prop({ required: true, min: 1 })
  attendees!: number;

  @Field(() => RoomBookingStatus, { description: 'Where the booking stands; its changes are in history.' })
  @Prop({ type: String, enum: RoomBookingStatus, default: RoomBookingStatus.CONFIRMED })
  status!: RoomBookingStatus;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled; null while it stands.' })
  @Prop({ type: Date, default: null })
  cancelledAt!: Date | null;

  /** The identity provider's subject of the person who booked. */
  @Prop({ required: true })
  bookedBy!: string;

  @Field(() => String, { nullable: true, description: 'As the booker signed in.' })
  @Prop({ type: String, default: null })
  bookedByName!: string | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  roomId!: Types.ObjectId;
}

export type RoomBookingDocument = HydratedDocument<RoomBooking>;
export const RoomBookingSchema = SchemaFactory.createForClass(RoomBooking);
RoomBookingSchema.index(
  { roomId: 1, slotStarts: 1 },
  { unique: true, partialFilterExpression: { status: RoomBookingStatus.CONFIRMED }, name: 'one_booking_per_slot' },
);
RoomBookingSchema.index({ roomId: 1, startsAt: 1 });
RoomBookingSchema.index({ bookedBy: 1, startsAt: -1 });
