import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

@ObjectType({ description: 'When a room is open on one day of the week, in China Standard Time.' })
@InputType('OpeningHoursInput', { description: 'When a room is open on one day of the week, in China Standard Time.' })
@Schema({ _id: false })
export class OpeningHours {
  @Field(() => Int, { description: '1 Monday … 7 Sunday.' })
  @IsInt()
  @Min(1)
  @Max(7)
  @Prop({ required: true, min: 1, max: 7 })
  weekday!: number;

  @Field({ description: 'e.g. 08:30.' })
  @Matches(CLOCK_TIME, { message: 'must be a time of day, HH:MM' })
  @Prop({ required: true })
  opens!: string;

  @Field({ description: 'e.g. 21:00; 24:00 is midnight.' })
  @Matches(CLOCK_TIME, { message: 'must be a time of day, HH:MM' })
  @Prop({ required: true })
  closes!: string;
}
const OpeningHoursSchema = SchemaFactory.createForClass(OpeningHours);

@ObjectType({
  description:
    'A room residents book: a 党群会客厅, the chess room or library of a courtyard station (乐邻驿站), an activity room.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'rooms', timestamps: true })
export class Room extends InCommunity {
  @Field(() => ID, { description: 'The room’s id.' })
  id!: string;

  @Field({ description: 'e.g. 乐邻驿站 象棋室.' })
  @Prop({ required: true, trim: true })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the room is like and has, in free text; null when none was given.',
  })
  @Prop({ type: String, trim: true, default: null })
  description!: string | null;

  @Field(() => Int, { description: 'People at once.' })
  @Prop({ required: true, min: 1 })
  capacity!: number;

  @Field(() => [OpeningHours], { description: 'A weekday not listed is closed.' })
  @Prop({ type: [OpeningHoursSchema], default: [] })
  openingHours!: OpeningHours[];

  @Field(() => Int, { description: 'Bookings start and end on these steps from midnight, e.g. every 30 minutes.' })
  @Prop({ required: true, min: 15, max: 240 })
  slotMinutes!: number;

  @Field(() => Int, { description: 'The longest one booking may be.' })
  @Prop({ required: true, min: 15 })
  maxBookingMinutes!: number;

  /**
   * The community alliance (社区联盟) the room is shared with, if any: residents of its member communities book it as
   * the room's own community's do (Room.sharedWith).
   */
  @Prop({ type: SchemaTypes.ObjectId, default: null, index: true })
  sharedWithAllianceId!: Types.ObjectId | null;
}

export type RoomDocument = HydratedDocument<Room>;
export const RoomSchema = SchemaFactory.createForClass(Room);
RoomSchema.index({ communityId: 1, name: 1 }, { unique: true });
RoomSchema.index({ compoundId: 1, name: 1 });
