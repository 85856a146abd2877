import { Connection } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsMongoId, IsOptional, Max, Min } from 'class-validator';
import { InPlaceArgs } from '../organization-copy/place.inputs';
import { LampFault } from './lamp-fault.schema';
import { LampFaultService, LampFaultServiceCode } from './lamp-fault-services';

/** Where an open fault stands on the escalation board: within its SLA, past it, or at a step of 社区呼叫 → 街道吹哨 → 部门报到. */
export enum LampFaultEscalationStage {
  WITHIN_SLA = 'WITHIN_SLA',
  PAST_SLA = 'PAST_SLA',
  COMMUNITY_CALL = 'COMMUNITY_CALL',
  STREET_WHISTLE = 'STREET_WHISTLE',
  DEPARTMENT_REPORT = 'DEPARTMENT_REPORT',
}
registerEnumType(LampFaultEscalationStage, {
  name: 'LampFaultEscalationStage',
  description: 'Where an open lamp fault stands on the escalation board, in order.',
  valuesMap: {
    WITHIN_SLA: { description: 'Reported, its SLA not yet passed.' },
    PAST_SLA: { description: 'Its SLA passed; the next sweep makes the community call.' },
    COMMUNITY_CALL: { description: '社区呼叫: the community called on the partner and the department.' },
    STREET_WHISTLE: { description: '街道吹哨: the street blew the whistle; the department must report in.' },
    DEPARTMENT_REPORT: { description: '部门报到: the department reported in; the fault is still open.' },
  },
});

@ObjectType({ description: 'One open fault on the escalation board: its stage, since when, and who must act.' })
export class LampFaultEscalationCard {
  @Field(() => LampFault, { description: 'The fault.' })
  fault!: LampFault;

  @Field(() => LampFaultEscalationStage, { description: 'Where it stands.' })
  stage!: LampFaultEscalationStage;

  @Field({
    description: 'Since when: the report (WITHIN_SLA), its SLA (PAST_SLA), or the step the escalation last took.',
  })
  since!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the sweep takes the next step if the fault is still open then; null when none is due (after the whistle).',
  })
  nextStepDueAt!: Date | null;

  @Field({
    description:
      'The department that must report in when the street blows the whistle: the lamp’s responsible department.',
  })
  mustReportIn!: string;
}

@ObjectType({ description: 'A page of the escalation board, the oldest report first.' })
export class LampFaultEscalationCardConnection extends Connection(LampFaultEscalationCard) {}

@ArgsType()
export class LampFaultEscalationBoardArgs extends InPlaceArgs {
  @Field(() => LampFaultEscalationStage, { nullable: true, description: 'Only faults at this stage; all when absent.' })
  @IsOptional()
  @IsEnum(LampFaultEscalationStage)
  stage?: LampFaultEscalationStage;
}

@InputType({ description: 'The place whose due escalation steps to take now.' })
export class RunLampFaultEscalationSweepInput {
  @Field(() => ID, { description: 'A community, compound or building the street covers.' })
  @IsMongoId()
  placeId!: string;
}

@ObjectType({ description: 'What runLampFaultEscalationSweep changed.' })
export class RunLampFaultEscalationSweepPayload {
  @Field(() => [LampFaultEscalationCard], {
    description: 'The faults it moved on, one step each, at the stage they reached; empty when none was due.',
  })
  escalated!: LampFaultEscalationCard[];
}

@InputType({ description: 'A new SLA for one kind of lamp fault.' })
export class SetLampFaultSlaInput {
  @Field(() => LampFaultServiceCode, { description: 'The kind of fault (service_code).' })
  @IsEnum(LampFaultServiceCode)
  serviceCode!: LampFaultServiceCode;

  @Field(() => Int, { description: 'Hours from a report within which it must be resolved: 1 to 720 (30 days).' })
  @IsInt()
  @Min(1)
  @Max(720)
  slaHours!: number;
}

@ObjectType({ description: 'What setLampFaultSla changed.' })
export class SetLampFaultSlaPayload {
  @Field(() => LampFaultService, { description: 'The kind of fault with its new SLA.' })
  lampFaultService!: LampFaultService;

  @Field(() => Int, {
    description: 'How many open faults of the kind, not yet escalated, got a new expected time (report + new SLA).',
  })
  rescheduledFaults!: number;
}
