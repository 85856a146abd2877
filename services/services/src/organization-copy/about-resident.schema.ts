import { Prop } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';
import { isChildUnder14 } from './age-band';
import type { DirectoryResident } from './directory.schema';

/**
 * What a record about a resident (an order, a booking) keeps of them: where they live, so who may see it is decided in
 * memory, and whether they are a child under 14, so its reads are audited (PIPL).
 */
export abstract class AboutResident {
  /** Indexed by each collection as it needs (one care profile per resident is a unique index). */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  residentId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  householdId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  buildingId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  compoundId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;

  @Prop({ required: true })
  childUnder14!: boolean;
}

export function aboutResident(
  resident: Pick<DirectoryResident, 'householdId' | 'buildingId' | 'compoundId' | 'communityId' | 'ageBand'> & {
    _id: Types.ObjectId;
  },
): AboutResident {
  const { householdId, buildingId, compoundId, communityId } = resident;
  return {
    residentId: resident._id,
    householdId,
    buildingId,
    compoundId,
    communityId,
    childUnder14: isChildUnder14(resident.ageBand),
  };
}
