import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsMongoId, IsOptional, Length } from 'class-validator';
import { ConsentKind, ConsentPurpose } from './consent.schema';

@InputType({ description: "Records a resident's consent, or a guardian's for a child under 14." })
export class RecordConsentInput {
  @Field(() => ID, { description: 'The resident the consent is about.' })
  @IsMongoId()
  residentId!: string;

  @Field(() => ConsentKind, { description: 'GUARDIAN for a child under 14, SENSITIVE_DATA for everyone else.' })
  @IsEnum(ConsentKind)
  kind!: ConsentKind;

  @Field(() => [ConsentPurpose], {
    description: 'What it covers, at least one: the categories of care (and FAMILY_DOCTOR) it allows to be arranged.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(Object.keys(ConsentPurpose).length)
  @ArrayUnique()
  @IsEnum(ConsentPurpose, { each: true })
  purposes!: ConsentPurpose[];

  @Field({ description: "The consent form's own words, kept with it, e.g. 居家养老助餐服务 or 托育." })
  @Length(1, 200)
  purpose!: string;

  @Field(() => ID, { nullable: true, description: 'GUARDIAN only: the adult of the same household who gives it.' })
  @IsOptional()
  @IsMongoId()
  guardianResidentId?: string;
}

@InputType({ description: 'Withdraws a consent given earlier.' })
export class WithdrawConsentInput {
  @Field(() => ID, { description: 'The consent to withdraw.' })
  @IsMongoId()
  consentId!: string;
}
