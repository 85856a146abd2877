import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { OfHousehold } from '../organization-copy/placed.schema';

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
}

export type VisitorPassDocument = HydratedDocument<VisitorPass>;
export const VisitorPassSchema = SchemaFactory.createForClass(VisitorPass);
VisitorPassSchema.index({ lotId: 1, plate: 1, validUntil: 1 });
VisitorPassSchema.index({ householdId: 1, validFrom: -1 });
