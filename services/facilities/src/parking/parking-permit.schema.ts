import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCompound, OfHousehold } from '../organization-copy/placed.schema';

export enum ParkingPermitStatus {
  /** On the lot's waitlist. */
  WAITING = 'WAITING',
  /** Granted, with a space. */
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}
registerEnumType(ParkingPermitStatus, {
  name: 'ParkingPermitStatus',
  description: 'Where a parking permit stands.',
  valuesMap: {
    WAITING: { description: 'On the lot’s waitlist.' },
    ACTIVE: { description: 'Granted, with a space.' },
    REVOKED: { description: 'Taken back: its space is free again.' },
  },
});

export enum AllocationMethod {
  /** First come, first served — households without a permit first. */
  WAITLIST_ORDER = 'WAITLIST_ORDER',
  /** 摇号: a seeded draw anyone can reproduce — households without a permit first. */
  LOTTERY = 'LOTTERY',
}
registerEnumType(AllocationMethod, {
  name: 'AllocationMethod',
  description: 'How a lot’s free resident spaces go to the waiting permits.',
  valuesMap: {
    WAITLIST_ORDER: { description: 'First come, first served — households without a permit first.' },
    LOTTERY: { description: '摇号: a seeded draw anyone can reproduce — households without a permit first.' },
  },
});

@ObjectType({
  description: 'A household’s permit to park one vehicle in a lot: applied for, waiting, then granted with a space.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'parking_permits', versionKey: false })
export class ParkingPermit extends OfHousehold {
  @Field(() => ID, { description: 'The permit’s id.' })
  id!: string;

  @Field({ description: 'e.g. 苏E12345.' })
  @Prop({ required: true })
  plate!: string;

  @Field(() => ParkingPermitStatus, { description: 'Where the permit stands; its changes are in history.' })
  @Prop({ type: String, enum: ParkingPermitStatus, default: ParkingPermitStatus.WAITING })
  status!: ParkingPermitStatus;

  @Field({ description: 'The waitlist is in this order.' })
  @Prop({ required: true })
  appliedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was granted a space; null while WAITING.' })
  @Prop({ type: Date, default: null })
  grantedAt!: Date | null;

  @Field(() => AllocationMethod, { nullable: true, description: 'How it was granted; null while WAITING.' })
  @Prop({ type: String, enum: AllocationMethod, default: null })
  grantedBy!: AllocationMethod | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked; null unless REVOKED.' })
  @Prop({ type: String, default: null })
  revokedReason!: string | null;

  /** When it was revoked. */
  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  spaceId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  lotteryId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lotId!: Types.ObjectId;
}

@ObjectType({
  description:
    'A recorded draw (摇号). Reproduce it from `seed` and `candidateTiers`: seedrandom 3 (seedrandom.js) seeded with the seed; Fisher–Yates ' +
    'over each tier in turn, from its last position down, position i swapping with floor(next() × (i + 1)); the first ' +
    '`spacesOffered` of the resulting order win.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'parking_lotteries', versionKey: false })
export class ParkingLottery extends InCompound {
  @Field(() => ID, { description: 'The draw’s id.' })
  id!: string;

  @Field({ description: '128 random bits drawn when the lottery ran, as 32 hexadecimal digits.' })
  @Prop({ required: true })
  seed!: string;

  @Field(() => [[ID]], {
    description:
      'The waiting applications, in waitlist order within each tier: households’ first permits, then second ones, …',
  })
  @Prop({ type: [[SchemaTypes.ObjectId]], required: true })
  candidateTiers!: Types.ObjectId[][];

  @Field(() => Int, { description: 'How many free resident spaces the draw gave out.' })
  @Prop({ required: true })
  spacesOffered!: number;

  @Field(() => [ID], { description: 'The applications granted, in the order drawn.' })
  @Prop({ type: [SchemaTypes.ObjectId], required: true })
  winnerIds!: Types.ObjectId[];

  @Field({ description: 'When the draw ran.' })
  @Prop({ required: true })
  drawnAt!: Date;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  lotId!: Types.ObjectId;
}

export type ParkingPermitDocument = HydratedDocument<ParkingPermit>;
export type ParkingLotteryDocument = HydratedDocument<ParkingLottery>;
export const ParkingPermitSchema = SchemaFactory.createForClass(ParkingPermit);
// The waitlist of a lot.
ParkingPermitSchema.index({ lotId: 1, status: 1, appliedAt: 1 });
ParkingPermitSchema.index({ householdId: 1, appliedAt: 1 });
// A space holds one permit; two allocations racing for it cannot both win.
ParkingPermitSchema.index(
  { spaceId: 1 },
  { unique: true, partialFilterExpression: { status: ParkingPermitStatus.ACTIVE }, name: 'one_permit_per_space' },
);
// A vehicle applies once per lot while its application stands.
ParkingPermitSchema.index(
  { lotId: 1, plate: 1 },
  {
    unique: true,
    partialFilterExpression: { status: { $in: [ParkingPermitStatus.WAITING, ParkingPermitStatus.ACTIVE] } },
    name: 'one_application_per_plate',
  },
);
export const ParkingLotterySchema = SchemaFactory.createForClass(ParkingLottery);
