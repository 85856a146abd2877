import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/** One credit of the time bank (时间银行): a volunteer's visit that completed an order, for the resident it served. */
@Schema({ collection: 'time_bank_entries', timestamps: true })
export class TimeBankEntry {
  /** Unique: an order is credited once, however often its completion is retried. */
  @Prop({ type: SchemaTypes.ObjectId, required: true, unique: true })
  orderId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  volunteerResidentId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  recipientResidentId!: Types.ObjectId;

  @Prop({ required: true, min: 1 })
  minutes!: number;
}

export const TimeBankEntrySchema = SchemaFactory.createForClass(TimeBankEntry);

@ObjectType({
  description:
    "A resident's volunteer hours (时间银行), from completed orders: given to neighbours and received from volunteers.",
})
export class TimeBank {
  @Field(() => Float, {
    description: 'Hours of care the resident gave neighbours as a volunteer, from the visit logs of completed orders.',
  })
  hoursGiven!: number;

  @Field(() => Int, { description: 'Completed orders the resident carried out as a volunteer.' })
  visitsGiven!: number;

  @Field(() => Float, { description: 'Hours of care the resident received from volunteers.' })
  hoursReceived!: number;

  @Field(() => Int, { description: 'Completed volunteer orders the resident received.' })
  visitsReceived!: number;
}
