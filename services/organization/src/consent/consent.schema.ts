import { CONSENT_PURPOSE_NAMES, consentKindSchema, consentPurposeSchema } from '@gongzhi/contracts';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

export const ConsentKind = consentKindSchema.enum;
export type ConsentKind = keyof typeof ConsentKind;
registerEnumType(ConsentKind, {
  name: 'ConsentKind',
  description:
    "SENSITIVE_DATA: a resident's separate consent to processing their sensitive data (PIPL art. 29); GUARDIAN: a parent's or guardian's consent for a child under 14 (art. 31); SHARE_WITH_PROVIDERS: a resident's consent that their care providers see their whole phone number (art. 23).",
  valuesMap: {
    SENSITIVE_DATA: {
      description: "The resident's separate consent to processing their sensitive data (PIPL art. 29).",
    },
    GUARDIAN: { description: "A parent's or guardian's consent for a child under 14 (PIPL art. 31)." },
    SHARE_WITH_PROVIDERS: {
      description:
        "The resident's separate consent that the care providers delivering their orders see their whole phone number (PIPL art. 23); without it they see it masked.",
    },
  },
});

export const ConsentPurpose = consentPurposeSchema.enum;
export type ConsentPurpose = keyof typeof ConsentPurpose;
registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description:
    "What a consent covers: what services offers, each category of its care catalogue (CareCategory) and the family doctor's appointments.",
  valuesMap: Object.fromEntries(
    Object.entries(CONSENT_PURPOSE_NAMES).map(([purpose, name]) => [
      purpose,
      {
        description:
          purpose === 'FAMILY_DOCTOR' ? `${name}: the family doctor's rota.` : `${name}: care items of this category.`,
      },
    ]),
  ),
});

/** A consent a resident (or a child's guardian) gave, kept with the resident; withdrawing keeps the record. */
@ObjectType({ description: 'A consent under PIPL, kept with the resident it is about.' })
@Schema({ timestamps: false })
export class Consent {
  @Field(() => ID, { description: "The consent's id." })
  id!: string;

  @Field(() => ConsentKind, {
    description: "Which consent: the resident's own for sensitive data, or a guardian's for a child.",
  })
  @Prop({ type: String, enum: Object.values(ConsentKind), required: true })
  kind!: ConsentKind;

  @Field({ description: "The consent form's own words, e.g. 居家养老助餐服务 or 托育; what it covers is purposes." })
  @Prop({ required: true, trim: true })
  purpose!: string;

  /** Absent on consents recorded before purposes were named, until the start-up back-fill maps their words. */
  @Field(() => [ConsentPurpose], {
    description:
      'What it covers: ordering, booking or making an appointment of these purposes for the resident rests on it. Empty for an earlier consent whose words matched no purpose (purposesUnmatched).',
  })
  @Prop({ type: [String], enum: Object.values(ConsentPurpose), default: undefined })
  purposes!: ConsentPurpose[];

  @Field({
    description:
      'True for a consent recorded before consents named their purposes whose words matched none: it covers nothing, and the resident (or guardian) consents again naming them.',
  })
  @Prop({ default: false })
  purposesUnmatched!: boolean;

  @Field(() => ID, {
    nullable: true,
    description: "For a child's consent: the guardian who gave it, a resident of the same household.",
  })
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  guardianResidentId!: Types.ObjectId | null;

  @Field({ description: 'When the consent was recorded.' })
  @Prop({ required: true })
  givenAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the consent was withdrawn; null while it stands. The record is kept either way.',
  })
  @Prop({ type: Date, default: null })
  withdrawnAt!: Date | null;
}

export const ConsentSchema = SchemaFactory.createForClass(Consent);
