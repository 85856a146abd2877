import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsInt, Length, Max, Min, ValidateNested } from 'class-validator';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCommunity } from '../organization-copy/placed.schema';

export enum GardenClaimant {
  /** A household (户), through one of its residents. */
  HOUSEHOLD = 'HOUSEHOLD',
  /** A volunteer team such as 花田守护人 (the garden guardians). */
  VOLUNTEER_TEAM = 'VOLUNTEER_TEAM',
}
registerEnumType(GardenClaimant, {
  name: 'GardenClaimant',
  description: 'Who holds a garden claim.',
  valuesMap: {
    HOUSEHOLD: { description: 'A household (户), through one of its residents.' },
    VOLUNTEER_TEAM: {
      description: 'A volunteer team such as 花田守护人 (the garden guardians), through its coordinator.',
    },
  },
});

export enum GardenClaimStatus {
  /** Queued for the plot while another claim holds it. */
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  /** Given up by the claimant or the managers. */
  RELEASED = 'RELEASED',
  /** The term ended, or the care the covenant asks for stopped. */
  LAPSED = 'LAPSED',
}
registerEnumType(GardenClaimStatus, {
  name: 'GardenClaimStatus',
  description: 'Where a garden claim stands.',
  valuesMap: {
    WAITING: { description: 'Queued for the plot while another claim holds it.' },
    ACTIVE: { description: 'Holds the plot under its covenant.' },
    RELEASED: { description: 'Given up by the claimant or the managers. Final.' },
    LAPSED: { description: 'The term ended, or the care the covenant asks for stopped. Final.' },
  },
});

export enum GardenCareKind {
  WATERING = 'WATERING',
  WEEDING = 'WEEDING',
  PLANTING = 'PLANTING',
  HARVEST = 'HARVEST',
  OTHER = 'OTHER',
}
registerEnumType(GardenCareKind, {
  name: 'GardenCareKind',
  description: 'What a round of care of a plot was.',
  valuesMap: {
    WATERING: { description: 'Watering (浇水); counts for the covenant’s watering interval.' },
    WEEDING: { description: 'Weeding (除草); counts for the covenant’s weeding interval.' },
    PLANTING: { description: 'Planting (种植).' },
    HARVEST: { description: 'Harvesting (采收).' },
    OTHER: { description: 'Any other care, described in the note.' },
  },
});

@ObjectType({ description: 'How often the covenant asks for care.' })
@InputType('CareScheduleInput', { description: 'How often the covenant asks for care.' })
@Schema({ _id: false })
export class CareSchedule {
  @Field(() => Int, { description: 'Water at least every so many days.' })
  @IsInt()
  @Min(1)
  @Max(30)
  @Prop({ required: true })
  wateringEveryDays!: number;

  @Field(() => Int, { description: 'Weed at least every so many days.' })
  @IsInt()
  @Min(1)
  @Max(90)
  @Prop({ required: true })
  weedingEveryDays!: number;
}
const CareScheduleSchema = SchemaFactory.createForClass(CareSchedule);

@ObjectType({
  description:
    'The garden covenant (花圃契约) a claimant signs: for how long, what they take on, how often they care. A claim lapses ' +
    'at the end of its term, or when watering or weeding is twice as late as the schedule.',
})
@InputType('GardenCovenantInput', { description: 'The garden covenant (花圃契约) the claimant signs.' })
@Schema({ _id: false })
export class GardenCovenant {
  @Field({ description: 'The claim ends then; claim again to go on.' })
  @IsDate()
  @Prop({ required: true })
  termEndsAt!: Date;

  @Field(() => [String], { description: 'e.g. 不使用农药, 保持步道整洁, 花期开放参观.' })
  @ArrayMaxSize(20)
  @Length(1, 100, { each: true })
  @Prop({ type: [String], default: [] })
  duties!: string[];

  @Field(() => CareSchedule, { description: 'How often the plot must be watered and weeded.' })
  @ValidateNested()
  @Type(() => CareSchedule)
  @Prop({ type: CareScheduleSchema, required: true })
  careSchedule!: CareSchedule;
}
const GardenCovenantSchema = SchemaFactory.createForClass(GardenCovenant);

@ObjectType({ description: 'A claim (认领) of a garden plot under a covenant.' })
@Schema({ collection: 'garden_claims', versionKey: false })
export class GardenClaim extends InCommunity {
  @Field(() => ID, { description: 'The claim’s id.' })
  id!: string;

  @Field(() => GardenClaimant, { description: 'A household’s claim, or a volunteer team’s.' })
  @Prop({ type: String, enum: GardenClaimant, required: true })
  claimant!: GardenClaimant;

  @Field(() => String, { nullable: true, description: 'A volunteer team’s name, e.g. 花田守护人.' })
  @Prop({ type: String, default: null })
  teamName!: string | null;

  @Field(() => GardenCovenant, { description: 'The covenant (花圃契约) the claimant signed.' })
  @Prop({ type: GardenCovenantSchema, required: true })
  covenant!: GardenCovenant;

  @Field(() => GardenClaimStatus, { description: 'Where the claim stands.' })
  @Prop({ type: String, enum: GardenClaimStatus, required: true })
  status!: GardenClaimStatus;

  @Field({ description: 'When the claim was made: the waiting list is in this order.' })
  @Prop({ required: true })
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it took the plot on.' })
  @Prop({ type: Date, default: null })
  activeSince!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When watering was last logged under this claim; null before the first.',
  })
  @Prop({ type: Date, default: null })
  lastWateredAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When weeding was last logged under this claim; null before the first.',
  })
  @Prop({ type: Date, default: null })
  lastWeededAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When an active claim lapses unless cared for: its term’s end, or twice the watering or weeding interval after the last.',
  })
  @Prop({ type: Date, default: null })
  lapsesAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the claim was released or lapsed; null while it waits or is active.',
  })
  @Prop({ type: Date, default: null })
  endedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'RELEASED, TERM_ENDED or CARE_LAPSED.' })
  @Prop({ type: String, default: null })
  endReason!: string | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  plotId!: Types.ObjectId;

  /** A household's claim; null for a team's. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  householdId!: Types.ObjectId | null;

  /** Who made the claim: for a team, its coordinator, who logs its care. */
  @Prop({ required: true })
  claimedBy!: string;
}

@ObjectType({ description: 'One round of care of a plot, as the claimant logged it.' })
@Schema({ collection: 'garden_care_logs', versionKey: false })
export class GardenCareLog {
  @Field(() => ID, { description: 'The log entry’s id.' })
  id!: string;

  @Field(() => GardenCareKind, { description: 'What was done.' })
  @Prop({ type: String, enum: GardenCareKind, required: true })
  kind!: GardenCareKind;

  @Field({ description: 'When the care was logged.' })
  @Prop({ required: true })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'The claimant’s note, e.g. 月季修剪; null when none was given.' })
  @Prop({ type: String, default: null })
  note!: string | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  plotId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  claimId!: Types.ObjectId;
}

export type GardenClaimDocument = HydratedDocument<GardenClaim>;
export type GardenCareLogDocument = HydratedDocument<GardenCareLog>;
export const GardenClaimSchema = SchemaFactory.createForClass(GardenClaim);
// One claim holds a plot at a time, whatever races.
GardenClaimSchema.index(
  { plotId: 1 },
  { unique: true, partialFilterExpression: { status: GardenClaimStatus.ACTIVE }, name: 'one_active_claim_per_plot' },
);
// A household holds a plot or waits for it once, however its claims race.
GardenClaimSchema.index(
  { plotId: 1, householdId: 1 },
  {
    unique: true,
    partialFilterExpression: {
      status: { $in: [GardenClaimStatus.WAITING, GardenClaimStatus.ACTIVE] },
      householdId: { $type: 'objectId' },
    },
    name: 'one_standing_claim_per_household',
  },
);
// The waiting list of a plot.
GardenClaimSchema.index({ plotId: 1, status: 1, requestedAt: 1 });
// The lapse sweep: active claims whose time is up.
GardenClaimSchema.index({ lapsesAt: 1 }, { partialFilterExpression: { status: GardenClaimStatus.ACTIVE } });
GardenClaimSchema.index({ householdId: 1, requestedAt: -1 });
export const GardenCareLogSchema = SchemaFactory.createForClass(GardenCareLog);
GardenCareLogSchema.index({ plotId: 1, at: -1 });
