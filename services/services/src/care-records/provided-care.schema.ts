import { Field, ObjectType } from '@nestjs/graphql';
import { Prop } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';
import { AboutResident } from '../organization-copy/about-resident.schema';
import { ConsentPurpose } from '../organization-copy/directory.schema';
import type { CareItem } from '../catalogue/care-item.schema';
import { type CareProvider, CareProviderKind } from '../providers/care-provider.schema';

/**
 * Care arranged for a resident and given by one provider — an order, a place in a session. Besides what it keeps of
 * the resident (AboutResident), it keeps who gives it, so the provider's access is decided in memory too.
 */
@ObjectType({ isAbstract: true })
export abstract class ProvidedCare extends AboutResident {
  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  providerId!: Types.ObjectId;

  /** The partner unit that gives it, when the provider is one: its key acts on it. */
  @Prop({ type: SchemaTypes.ObjectId, default: null, index: true })
  partnerUnitId!: Types.ObjectId | null;

  /** The community the provider gives it in (the item's). */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  serviceCommunityId!: Types.ObjectId;

  /** The volunteer who gives it: the provider itself, or the one a partner sends. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  volunteerId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null, index: true })
  volunteerResidentId!: Types.ObjectId | null;

  @Field({ description: 'Arranged by a grid worker or the community office for the resident, not by their household.' })
  @Prop({ required: true })
  onBehalf!: boolean;

  /** What it is for, as consents name it: the item's category, or FAMILY_DOCTOR. Null on care arranged before. */
  @Prop({ type: String, enum: Object.values(ConsentPurpose), default: null })
  purpose!: ConsentPurpose | null;

  /** The consent (organization's id) it rests on: withdrawn, it closes; null when it needed none. */
  @Prop({ type: String, default: null })
  consentId!: string | null;
}

export function givenBy(
  provider: Pick<CareProvider, 'kind' | 'partnerUnitId' | 'residentId'> & { _id: Types.ObjectId },
  item: Pick<CareItem, 'communityId'>,
) {
  const volunteer = provider.kind === CareProviderKind.VOLUNTEER;
  return {
    providerId: provider._id,
    partnerUnitId: provider.partnerUnitId,
    serviceCommunityId: item.communityId,
    volunteerId: volunteer ? provider._id : null,
    volunteerResidentId: volunteer ? provider.residentId : null,
  };
}
