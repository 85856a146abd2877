import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsMongoId, IsOptional, IsUrl, Length, ValidateNested } from 'class-validator';
import { LampFaultStatus } from './lamp-fault.schema';
import { LampFaultServiceCode } from './lamp-fault-services';
import { InPlaceArgs } from '../organization-copy/place.inputs';
import { GeoPoint, LampStatus } from './lamp.schema';
import { LampWorkOrderStatus } from './lamp-work-order.schema';

@InputType()
export class RegisterLampInput {
  @Field(() => ID, {
    description: 'The community, compound or building the lamp stands in: the most precise one known.',
  })
  @IsMongoId()
  placeId!: string;

  @Field()
  @Length(1, 40)
  assetNumber!: string;

  @Field(() => GeoPoint)
  @ValidateNested()
  @Type(() => GeoPoint)
  location!: GeoPoint;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 80)
  placeDescription?: string;

  @Field({ description: 'e.g. 园区城市管理局路灯管理所.' })
  @Length(1, 80)
  responsibleDepartment!: string;
}

@InputType({ description: 'An Open311 service request (POST requests) for a lamp.' })
export class ReportLampFaultInput {
  @Field(() => ID)
  @IsMongoId()
  lampId!: string;

  @Field(() => LampFaultServiceCode)
  @IsEnum(LampFaultServiceCode)
  serviceCode!: LampFaultServiceCode;

  @Field()
  @Length(1, 1000)
  description!: string;

  @Field(() => GeoPoint, {
    nullable: true,
    description: 'Where the reporter stands; the lamp’s own place when absent.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPoint)
  location?: GeoPoint;

  @Field({ nullable: true, description: 'A photo already uploaded somewhere, as an https URL (media_url).' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @Length(1, 500)
  mediaUrl?: string;
}

@InputType()
export class AssignLampWorkOrderInput {
  @Field(() => ID)
  @IsMongoId()
  faultId!: string;

  @Field(() => ID, {
    description: 'The maintenance company: a partner unit with an agreement in force in the community.',
  })
  @IsMongoId()
  partnerUnitId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

@ArgsType()
export class WorkOrderNoteArgs {
  @Field(() => ID)
  @IsMongoId()
  id!: string;

  @Field()
  @Length(1, 1000)
  note!: string;
}

@ArgsType()
export class DepartmentReportArgs {
  @Field(() => ID)
  @IsMongoId()
  faultId!: string;

  @Field({ description: 'What the department said it will do, and by when.' })
  @Length(1, 1000)
  note!: string;
}

@ArgsType()
export class LampsArgs extends InPlaceArgs {
  @Field(() => LampStatus, { nullable: true })
  @IsOptional()
  @IsEnum(LampStatus)
  status?: LampStatus;
}

@ArgsType()
export class LampFaultsArgs extends InPlaceArgs {
  @Field(() => LampFaultStatus, { nullable: true })
  @IsOptional()
  @IsEnum(LampFaultStatus)
  status?: LampFaultStatus;
}

@ArgsType()
export class LampWorkOrdersArgs extends ConnectionArgs {
  @Field(() => LampWorkOrderStatus, { nullable: true })
  @IsOptional()
  @IsEnum(LampWorkOrderStatus)
  status?: LampWorkOrderStatus;
}
