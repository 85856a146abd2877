import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsMongoId, IsOptional, Length } from 'class-validator';
import { ConsentKind } from './consent.schema';

@InputType()
export class RecordConsentInput {
  @Field(() => ID)
  @IsMongoId()
  residentId!: string;

  @Field(() => ConsentKind, { description: 'GUARDIAN for a child under 14, SENSITIVE_DATA for everyone else.' })
  @IsEnum(ConsentKind)
  kind!: ConsentKind;

  @Field({ description: 'What it covers, e.g. 居家养老助餐服务 or 托育.' })
  @Length(1, 200)
  purpose!: string;

  @Field(() => ID, { nullable: true, description: 'GUARDIAN only: the adult of the same household who gives it.' })
  @IsOptional()
  @IsMongoId()
  guardianResidentId?: string;
}

@ArgsType()
export class WithdrawConsentArgs {
  @Field(() => ID)
  @IsMongoId()
  consentId!: string;
}
