import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsMongoId, IsOptional, Length, ValidateNested } from 'class-validator';
import { CareProfileKind, Mobility } from './care-profile.schema';

@InputType({ description: "What carers must know of a person's health (sensitive data)." })
export class HealthNotesInput {
  @Field(() => [String], {
    defaultValue: [],
    description: 'Health conditions carers must know, e.g. 高血压; none when left out.',
  })
  @ArrayMaxSize(20)
  @Length(1, 40, { each: true })
  conditions: string[] = [];

  @Field(() => [String], { defaultValue: [], description: 'Known allergies; none when left out.' })
  @ArrayMaxSize(20)
  @Length(1, 40, { each: true })
  allergies: string[] = [];

  @Field(() => Mobility, { nullable: true, description: 'How well the person gets about, if known.' })
  @IsOptional()
  @IsEnum(Mobility)
  mobility?: Mobility;

  @Field({ nullable: true, description: 'Regular medication, e.g. 每日早晚服降压药, if any.' })
  @IsOptional()
  @Length(1, 200)
  medication?: string;
}

@InputType({ description: "A resident's care profile, recorded or replaced." })
export class RecordCareProfileInput {
  @Field(() => ID, { description: 'The resident the profile is about.' })
  @IsMongoId()
  residentId!: string;

  @Field(() => CareProfileKind, { description: 'ELDER from 60, CHILD under 18.' })
  @IsEnum(CareProfileKind)
  kind!: CareProfileKind;

  @Field({ defaultValue: false, description: 'An elder living alone (独居老人); false when left out.' })
  @IsBoolean()
  livesAlone: boolean = false;

  @Field(() => [String], {
    defaultValue: [],
    description: 'What help they need, e.g. 助餐, 助浴, 放学接送; none when left out.',
  })
  @ArrayMaxSize(20)
  @Length(1, 40, { each: true })
  needs: string[] = [];

  @Field(() => HealthNotesInput, {
    nullable: true,
    description:
      "Only with the resident's SENSITIVE_DATA consent on record (a child under 14: the guardian's consent).",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => HealthNotesInput)
  health?: HealthNotesInput;
}
