import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { OfHousehold } from '../organization-copy/placed.schema';

/** Where a pass stands at a moment: it expires on its own at validUntil, unless revoked before. */
export enum VisitorPassStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(VisitorPassStatus, {
  name: 'VisitorPassStatus',
  description: 'Where a visitor pass stands now.',
  valuesMap: {
    VALID: { description: 'Issued and not yet expired: the gate lets the vehicle in from validFrom until validUntil.' },
    EXPIRED: { description: 'Its validUntil has passed.' },
    REVOKED: { description: 'Taken back before it expired: the gate treats the vehicle as an outsider.' },
  },
});

@ObjectType({ description: 'A visitor’s vehicle let into a lot for a while, on a household’s invitation.' })
@Schema({ collection: 'visitor_passes', versionKey: false })
export class VisitorPass extends OfHousehold {
  @Field(() => ID, { description: 'The pass’s id.' })
  id!: string;

  @Field({ description: 'The visitor’s number plate, stored without separators, e.g. 苏E12345.' })
  @Prop({ required: true })
  plate!: string;

  @Field({ description: 'From when the gate lets the vehicle in.' })
  @Prop({ required: true })
  validFrom!: Date;

  @Field({ description: 'Until when: at most 72 hours after validFrom.' })
  @Prop({ required: true })
  validUntil!: Date;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lotId!: Types.ObjectId;

  /** When it was issued; null on passes issued before this was recorded (their id's time stands in). */
  @Prop({ type: Date, default: null })
  issuedAt!: Date | null;

  /** When it was revoked; null unless REVOKED. */
  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked; null unless REVOKED.' })
  @Prop({ type: String, default: null })
  revokedReason!: string | null;
}

export type VisitorPassDocument = HydratedDocument<VisitorPass>;
export const VisitorPassSchema = SchemaFactory.createForClass(VisitorPass);
VisitorPassSchema.index({ lotId: 1, plate: 1, validUntil: 1 });
VisitorPassSchema.index({ householdId: 1, validFrom: -1 });
