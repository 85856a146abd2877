import { ConnectionArgs, DATE_WINDOWS, IsDateWithin, RuleOverrideInput } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsInt,
  IsMongoId,
  IsOptional,
  IsUrl,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LampFaultStatus } from './lamp-fault.schema';
import { LampFaultServiceCode } from './lamp-fault-services';
import { InPlaceArgs } from '../organization-copy/place.inputs';
import { GeoPoint, LampStatus } from './lamp.schema';
import { LampWorkOrderStatus } from './lamp-work-order.schema';

@InputType({ description: 'A street lamp to put on the map.' })
export class RegisterLampInput {
  @Field(() => ID, {
    description: 'The community, compound or building the lamp stands in: the most precise one known.',
  })
  @IsMongoId()
  placeId!: string;

  @Field({ description: 'The asset number painted on the pole, unique, e.g. XT-SY7-031.' })
  @Length(1, 40)
  assetNumber!: string;

  @Field(() => GeoPoint, { description: 'Where the pole stands.' })
  @ValidateNested()
  @Type(() => GeoPoint)
  location!: GeoPoint;

  @Field({ nullable: true, description: 'Where it stands, as residents say it: 3幢北侧 or 河边步道.' })
  @IsOptional()
  @Length(1, 80)
  placeDescription?: string;

  @Field({ description: 'e.g. 园区城市管理局路灯管理所.' })
  @Length(1, 80)
  responsibleDepartment!: string;
}

@InputType({ description: 'An Open311 service request (POST requests) for a lamp.' })
export class ReportLampFaultInput {
  @Field(() => ID, { description: 'The lamp at fault.' })
  @IsMongoId()
  lampId!: string;

  @Field(() => LampFaultServiceCode, { description: 'The kind of fault (service_code), from lampFaultServices.' })
  @IsEnum(LampFaultServiceCode)
  serviceCode!: LampFaultServiceCode;

  @Field({ description: 'The fault in the reporter’s words.' })
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

@InputType({ description: 'A fault to give to a maintenance partner.' })
export class AssignLampWorkOrderInput {
  @Field(() => ID, { description: 'The fault, still OPEN.' })
  @IsMongoId()
  faultId!: string;

  @Field(() => ID, {
    description: 'The maintenance company: a partner unit with an agreement in force in the community.',
  })
  @IsMongoId()
  partnerUnitId!: string;

  @Field({ nullable: true, description: 'What the partner should know, e.g. 请两日内处理.' })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

/** A partner's word on a work order: what its two mutations take. */
@InputType({ isAbstract: true })
abstract class WorkOrderNoteInput {
  @Field(() => ID, { description: 'The work order.' })
  @IsMongoId()
  workOrderId!: string;

  @Field({ description: 'What the partner found or did, for the community and the resident to read.' })
  @Length(1, 1000)
  note!: string;
}

@InputType({ description: 'Work under way on a lamp work order.' })
export class ReportLampWorkProgressInput extends WorkOrderNoteInput {}

@InputType({ description: 'The closing of a lamp work order; its note becomes the order’s resolution.' })
export class CloseLampWorkOrderInput extends WorkOrderNoteInput {}

@InputType({ description: 'A lamp work order given to another partner, because the one holding it did not come.' })
export class ReassignLampWorkOrderInput {
  @Field(() => ID, { description: 'The work order, not yet closed.' })
  @IsMongoId()
  workOrderId!: string;

  @Field(() => ID, {
    description: 'The partner unit to take it over: another one, with an agreement in force in the community.',
  })
  @IsMongoId()
  partnerUnitId!: string;

  @Field({ description: 'Why, for both partners and the resident to read, e.g. 维修单位两日未到场.' })
  @Length(1, 500)
  reason!: string;
}

@InputType({ description: 'The department reporting in to the street after the whistle (部门报到).' })
export class RecordDepartmentReportInput {
  @Field(() => ID, { description: 'The fault the street blew the whistle on.' })
  @IsMongoId()
  faultId!: string;

  @Field({ description: 'What the department said it will do, and by when.' })
  @Length(1, 1000)
  note!: string;
}

/** A step on a renewal project: what its mutations start from. */
@InputType({ isAbstract: true })
abstract class RenewalProjectStepInput {
  @Field(() => ID, { description: 'The renewal project.' })
  @IsMongoId()
  projectId!: string;
}

/** The most a tender may be: 20 million yuan, in fen (a GraphQL Int holds no more than 2^31 - 1). */
export const MAX_TENDER_FEN = 2_000_000_000;

@InputType({ description: 'The tender of a PLANNED renewal project: the contractor chosen and its amount.' })
export class TenderLampRenewalProjectInput extends RenewalProjectStepInput {
  @Field(() => ID, {
    description: 'The contractor: a partner unit with a co-building agreement in force in the project’s community.',
  })
  @IsMongoId()
  partnerUnitId!: string;

  @Field(() => Int, { description: 'The tender’s amount in fen (分), e.g. 8640000 for ¥86,400.' })
  @IsInt()
  @Min(1)
  @Max(MAX_TENDER_FEN)
  amountFen!: number;

  @Field({ nullable: true, description: 'How it was chosen, e.g. 三家比选，业主代表参与评标.' })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

@InputType({ description: 'The contractor of a TENDERED renewal project starting work.' })
export class StartLampRenewalProjectInput extends RenewalProjectStepInput {
  @Field({ nullable: true, description: 'What residents should know, e.g. 11月25日起分段施工，夜间照明临时保障.' })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}

@InputType({ description: 'The acceptance (验收) of a renewal project IN_PROGRESS: its lamps are renewed and work.' })
export class AcceptLampRenewalProjectInput extends RenewalProjectStepInput {
  @Field({ description: 'What the acceptance checked, e.g. 6盏路灯全部点亮，灯杆壁厚抽检合格.' })
  @Length(2, 1000)
  note!: string;

  @Field({
    nullable: true,
    description: 'The residents’ representative who took part, as they sign, e.g. 业主代表 王建国.',
  })
  @IsOptional()
  @Length(1, 60)
  residentsRepresentative?: string;

  @Field(() => RuleOverrideInput, {
    nullable: true,
    description:
      'Accepting while a lamp of the project is still faulty, on purpose: the community secretary or street staff, with the reason.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleOverrideInput)
  override?: RuleOverrideInput;
}

@InputType({ description: 'A renewal project called off before its acceptance.' })
export class CancelLampRenewalProjectInput extends RenewalProjectStepInput {
  @Field({ description: 'Why, for the residents who decided it, e.g. 纳入街道背街小巷整体改造，本项目撤销.' })
  @Length(2, 500)
  reason!: string;
}

@ArgsType()
export class LampsArgs extends InPlaceArgs {
  @Field(() => LampStatus, { nullable: true, description: 'Only lamps of this status; all when absent.' })
  @IsOptional()
  @IsEnum(LampStatus)
  status?: LampStatus;

  @Field({
    nullable: true,
    description: 'Only the lamp with this asset number (painted on the pole, e.g. XT-SZ7-003).',
  })
  @IsOptional()
  @Length(1, 40)
  assetNumber?: string;
}

/** The most faults one `lampFaults(ids:)` names: a page's worth. */
export const MAX_FAULT_IDS = 100;

@ArgsType()
export class LampFaultsArgs extends InPlaceArgs {
  @Field(() => LampFaultStatus, {
    nullable: true,
    description: 'Only faults of this status; all when absent.',
    deprecationReason:
      'Use statuses instead (statuses: [OPEN] for one status): one filter, one shape. Removed in a later release.',
  })
  @IsOptional()
  @IsEnum(LampFaultStatus)
  status?: LampFaultStatus;

  @Field(() => [LampFaultStatus], {
    nullable: true,
    description: 'Only faults of these statuses (Open311 `open` is OPEN, ASSIGNED and IN_PROGRESS); all when absent.',
  })
  @IsOptional()
  @IsEnum(LampFaultStatus, { each: true })
  statuses?: LampFaultStatus[];

  @Field(() => [LampFaultServiceCode], {
    nullable: true,
    description: 'Only faults of these kinds (Open311 service_code); all when absent.',
  })
  @IsOptional()
  @IsEnum(LampFaultServiceCode, { each: true })
  serviceCodes?: LampFaultServiceCode[];

  @Field(() => [ID], {
    nullable: true,
    description: `Only these faults (Open311 service_request_id), at most ${MAX_FAULT_IDS}; unknown ids are left out.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_FAULT_IDS)
  @IsMongoId({ each: true })
  ids?: string[];

  @Field({ nullable: true, description: 'Only faults reported at or after this time (Open311 start_date).' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  from?: Date;

  @Field({ nullable: true, description: 'Only faults reported at or before this time (Open311 end_date).' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  until?: Date;
}

@ArgsType()
export class LampWorkOrdersArgs extends ConnectionArgs {
  @Field(() => LampWorkOrderStatus, {
    nullable: true,
    description: 'Only work orders of this status; all when absent.',
  })
  @IsOptional()
  @IsEnum(LampWorkOrderStatus)
  status?: LampWorkOrderStatus;
}
