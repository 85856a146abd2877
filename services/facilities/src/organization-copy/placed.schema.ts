import { Prop, Schema } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/**
 * The place ids every record of this service stores, so access checks stay in memory and "everything in this
 * compound" is one indexed query. Entity schemas extend one of these; @Schema() lets @nestjs/mongoose find the fields
 * of a base class.
 */

/** Of a community, and of a compound and a building in it where it has one (a lamp on a community road has neither). */
@Schema()
export abstract class InCommunity {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  compoundId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  buildingId!: Types.ObjectId | null;
}

/** Of a compound: a car park, a garden plot. */
@Schema()
export abstract class InCompound {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  compoundId!: Types.ObjectId;
}

/** A household's: its permit, its visitor's pass, its garden claim. */
@Schema()
export abstract class OfHousehold {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  compoundId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  buildingId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  householdId!: Types.ObjectId;
}
