import { consentKindSchema, consentPurposeSchema } from '@gongzhi/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { AgeBand } from './age-band';

/**
 * What services knows of organization's territory and residents: a copy fed by organization's events, holding only
 * what checks need (where someone lives, their age band, their consents) — never names or phone numbers, which the
 * gateway fetches from organization when a client asks for them.
 */

export enum PlaceKind {
  COMMUNITY = 'COMMUNITY',
  COMPOUND = 'COMPOUND',
  BUILDING = 'BUILDING',
}

/** A community, compound or building, with the ids of the places above it. `_id` is organization's id. */
@Schema({ collection: 'directory_places', timestamps: true })
export class DirectoryPlace {
  @Prop({ type: String, enum: PlaceKind, required: true })
  kind!: PlaceKind;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  compoundId!: Types.ObjectId | null;
}

export const ConsentKind = consentKindSchema.enum;
export type ConsentKind = keyof typeof ConsentKind;
export const ConsentPurpose = consentPurposeSchema.enum;
export type ConsentPurpose = keyof typeof ConsentPurpose;

/** A consent a resident (or a child's guardian) gave, as organization reported it. */
@Schema({ _id: false })
export class ConsentOnRecord {
  @Prop({ required: true })
  consentId!: string;

  @Prop({ type: String, enum: Object.values(ConsentKind), required: true })
  kind!: ConsentKind;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  guardianResidentId!: Types.ObjectId | null;

  /** What it covers; empty until organization names the purposes of a consent recorded before they were named. */
  @Prop({ type: [String], enum: Object.values(ConsentPurpose), default: [] })
  purposes!: ConsentPurpose[];

  @Prop({ required: true })
  givenAt!: Date;

  @Prop({ type: Date, default: null })
  withdrawnAt!: Date | null;
}
const ConsentOnRecordSchema = SchemaFactory.createForClass(ConsentOnRecord);

/** A resident as services needs to know them. `_id` is organization's resident id. */
@Schema({ collection: 'directory_residents', timestamps: true })
export class DirectoryResident {
  @Prop({ type: SchemaTypes.ObjectId })
  householdId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId })
  buildingId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId })
  compoundId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, index: true })
  communityId!: Types.ObjectId;

  /** Null for residents who moved in before organization's events carried it. */
  @Prop({ type: String, enum: Object.values(AgeBand), default: null })
  ageBand!: AgeBand | null;

  @Prop({ type: Date, default: null })
  movedOutAt!: Date | null;

  @Prop({ type: [ConsentOnRecordSchema], default: [] })
  consents!: ConsentOnRecord[];

  /** When an order or booking was last opened for them: written in that transaction, so a concurrent move-out waits for it. */
  @Prop({ type: Date, default: null })
  lastOpenedAt!: Date | null;
}

/** A co-building partner unit and the communities it has signed an agreement (互联共建协议) with. `_id` is organization's id. */
@Schema({ collection: 'directory_partners', timestamps: true })
export class DirectoryPartner {
  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  agreementCommunityIds!: Types.ObjectId[];
}

export const DirectoryPartnerSchema = SchemaFactory.createForClass(DirectoryPartner);
export const DirectoryPlaceSchema = SchemaFactory.createForClass(DirectoryPlace);
export const DirectoryResidentSchema = SchemaFactory.createForClass(DirectoryResident);
export type DirectoryResidentDocument = HydratedDocument<DirectoryResident>;

/** A consent of this kind given and not withdrawn. */
export function hasConsentInForce(resident: Pick<DirectoryResident, 'consents'>, kind: ConsentKind): boolean {
  return resident.consents.some((consent) => consent.kind === kind && !consent.withdrawnAt);
}

/** The oldest consent of this kind, given and not withdrawn, that covers the purpose; undefined when there is none. */
export function consentCovering(
  resident: Pick<DirectoryResident, 'consents'>,
  kind: ConsentKind,
  purpose: ConsentPurpose,
): ConsentOnRecord | undefined {
  return resident.consents.find(
    (consent) => consent.kind === kind && !consent.withdrawnAt && (consent.purposes ?? []).includes(purpose),
  );
}
