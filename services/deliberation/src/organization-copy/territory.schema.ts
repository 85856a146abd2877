import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { InPlace } from '../shared/in-place';

/**
 * Deliberation's own copy of the parts of organization's territory it needs — where places sit, households' floor
 * areas and owners, who lives where — fed by organization's events (never by reading its database). Ids are
 * organization's, kept as the strings its events carry.
 */

export enum PlaceKind {
  COMMUNITY = 'COMMUNITY',
  COMPOUND = 'COMPOUND',
  BUILDING = 'BUILDING',
}

/** Its own id at its own level, the ids above it at theirs, null below it. */
@Schema({ collection: 'territory_places', versionKey: false })
export class TerritoryPlace extends InPlace {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, enum: PlaceKind, required: true })
  kind!: PlaceKind;

  @Prop({ required: true })
  name!: string;

  /** Compounds: false where owners run it through a self-management committee, which changes the three-party council. */
  @Prop({ type: Boolean, default: null })
  hasPropertyCompany!: boolean | null;
}

/** Households and residents are always in a building, so they carry all three ids. */
abstract class InBuilding {
  @Prop({ type: String, required: true, index: true })
  communityId!: string;

  @Prop({ type: String, required: true, index: true })
  compoundId!: string;

  @Prop({ type: String, required: true, index: true })
  buildingId!: string;
}

@Schema({ _id: false })
export class RegisteredOwner {
  @Prop({ type: String, default: null })
  residentId!: string | null;

  @Prop({ required: true })
  share!: number;
}
const RegisteredOwnerSchema = SchemaFactory.createForClass(RegisteredOwner);

@Schema({ collection: 'territory_households', versionKey: false })
export class TerritoryHousehold extends InBuilding {
  @Prop({ type: String, required: true })
  _id!: string;

  /** m² per the property register; null when organization's event did not say (recorded before it carried it). */
  @Prop({ type: Number, default: null })
  floorArea!: number | null;

  @Prop({ type: [RegisteredOwnerSchema], default: [] })
  owners!: RegisteredOwner[];

  /** When organization recorded the owners above: a list recorded earlier but delivered later never replaces them. */
  @Prop({ type: Date, default: null })
  ownersAsOf!: Date | null;

  /**
   * Residents who moved in as the household's OWNER without organization linking them to the register (events from
   * before owners were linked, or a name the register does not have): they stand for the owners the register knows by
   * name only, until the register's owners next change.
   */
  @Prop({ type: [String], default: [] })
  ownerResidentIds!: string[];
}

@Schema({ collection: 'territory_residents', versionKey: false })
export class TerritoryResident extends InBuilding {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  householdId!: string;

  @Prop({ type: String, default: null })
  relation!: string | null;

  /** null when organization's event did not say: counted as an adult rather than silently left off a roll. */
  @Prop({ type: Boolean, default: null })
  adult!: boolean | null;

  @Prop({ type: Date, default: null })
  movedOutAt!: Date | null;
}

/** A co-building agreement (互联共建协议) between a partner unit and a community, from org.partner-agreement.signed. */
@Schema({ collection: 'partner_agreements', versionKey: false })
export class KnownAgreement {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  partnerUnitId!: string;

  @Prop({ type: String, required: true })
  communityId!: string;

  /** Calendar days, YYYY-MM-DD, both included. */
  @Prop({ type: String, required: true })
  validFrom!: string;

  @Prop({ type: String, required: true })
  validUntil!: string;
}
export const KnownAgreementSchema = SchemaFactory.createForClass(KnownAgreement);
KnownAgreementSchema.index({ partnerUnitId: 1, communityId: 1 });

export const TerritoryPlaceSchema = SchemaFactory.createForClass(TerritoryPlace);
export const TerritoryHouseholdSchema = SchemaFactory.createForClass(TerritoryHousehold);
export const TerritoryResidentSchema = SchemaFactory.createForClass(TerritoryResident);
