import { consentKindSchema } from '@gongzhi/contracts';
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

  @Field({ description: 'What it covers, e.g. 居家养老助餐服务 or 托育.' })
  @Prop({ required: true, trim: true })
  purpose!: string;

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
