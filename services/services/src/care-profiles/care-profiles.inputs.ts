import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsMongoId, IsOptional, Length, ValidateNested } from 'class-validator';
import { CareProfileKind, Mobility } from './care-profile.schema';

@InputType()
export class HealthNotesInput {
  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(20)
  @Length(1, 40, { each: true })
  conditions: string[] = [];

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(20)
  @Length(1, 40, { each: true })
  allergies: string[] = [];

  @Field(() => Mobility, { nullable: true })
  @IsOptional()
  @IsEnum(Mobility)
  mobility?: Mobility;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  medication?: string;
}

@InputType()
export class RecordCareProfileInput {
  @Field(() => ID)
  @IsMongoId()
  residentId!: string;

  @Field(() => CareProfileKind, { description: 'ELDER from 60, CHILD under 18.' })
  @IsEnum(CareProfileKind)
  kind!: CareProfileKind;

  @Field({ defaultValue: false })
  @IsBoolean()
  livesAlone: boolean = false;

  @Field(() => [String], { defaultValue: [] })
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
