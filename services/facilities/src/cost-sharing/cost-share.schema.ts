import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { InCompound } from '../organization-copy/placed.schema';

export enum CostSplit {
  /** The same for every household. */
  PER_HOUSEHOLD = 'PER_HOUSEHOLD',
  /** In proportion to each household's exclusive floor area. */
  BY_FLOOR_AREA = 'BY_FLOOR_AREA',
}
registerEnumType(CostSplit, {
  name: 'CostSplit',
  description: 'How a shared cost is split among its households, to the fen.',
  valuesMap: {
    PER_HOUSEHOLD: { description: 'The same for every household.' },
    BY_FLOOR_AREA: { description: 'In proportion to each household’s exclusive floor area.' },
  },
});

@ObjectType({ description: 'One payment towards a household’s share.' })
@Schema({ _id: false })
export class CostSharePayment {
  @Field(() => Int, { description: 'In fen (分): 100 fen are one yuan.' })
  @Prop({ required: true })
  amountFen!: number;

  @Field({ description: 'When it was recorded.' })
  @Prop({ required: true })
  at!: Date;
}
const CostSharePaymentSchema = SchemaFactory.createForClass(CostSharePayment);

@ObjectType({ description: 'What one household owes towards a shared cost, and has paid.' })
@Schema({ _id: false })
export class HouseholdCostShare {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  householdId!: Types.ObjectId;

  @Field(() => Float, { nullable: true, description: 'The floor area the split used, in m² (by floor area only).' })
  @Prop({ type: Number, default: null })
  floorArea!: number | null;

  @Field(() => Int, { description: 'The household’s share, in fen.' })
  @Prop({ required: true })
  dueFen!: number;

  @Field(() => Int, { description: 'Paid towards it so far, in fen.' })
  @Prop({ default: 0 })
  paidFen!: number;

  @Field(() => [CostSharePayment], { description: 'Its payments, oldest first.' })
  @Prop({ type: [CostSharePaymentSchema], default: [] })
  payments!: CostSharePayment[];
}
const HouseholdCostShareSchema = SchemaFactory.createForClass(HouseholdCostShare);

@ObjectType({
  description:
    'A shared expense of a compound (费用分摊) — the smart barrier gate residents paid for — split among its households.',
})
@Directive('@key(fields: "id")')
@Schema({ collection: 'cost_shares', versionKey: false, timestamps: true })
export class CostShare extends InCompound {
  @Field(() => ID, { description: 'The ledger’s id.' })
  id!: string;

  @Field({ description: 'What the money is for, e.g. 智能道杆安装.' })
  @Prop({ required: true, trim: true })
  title!: string;

  @Field(() => Int, { description: 'In fen (分): 100 fen are one yuan.' })
  @Prop({ required: true })
  totalFen!: number;

  @Field(() => CostSplit, { description: 'How it was split.' })
  @Prop({ type: String, enum: CostSplit, required: true })
  splitBy!: CostSplit;

  /** Every household's share, in the order listed: published as the connection `shares`. */
  @Prop({ type: [HouseholdCostShareSchema], required: true })
  shares!: HouseholdCostShare[];
}

export type CostShareDocument = HydratedDocument<CostShare>;
export const CostShareSchema = SchemaFactory.createForClass(CostShare);
CostShareSchema.index({ compoundId: 1, createdAt: -1 });
CostShareSchema.index({ communityId: 1, createdAt: -1 });
// A household's shares, wherever they are.
CostShareSchema.index({ 'shares.householdId': 1, createdAt: -1 });
