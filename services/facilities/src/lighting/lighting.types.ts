import { Connection, Payload, StepConnection } from '@gongzhi/platform';
import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LampFault, LampFaultStep } from './lamp-fault.schema';
import { LampRenewalProject, LampRenewalProjectStep } from './lamp-renewal-project.schema';
import { LampRenewalProjectAction } from './lamp-renewal-steps';
import { LampFaultAction, LampWorkOrderAction } from './lamp-steps';
import { Lamp } from './lamp.schema';
import { LampWorkOrder, LampWorkOrderStep } from './lamp-work-order.schema';

registerEnumType(LampFaultAction, {
  name: 'LampFaultAction',
  description: 'A step the caller may take on a lamp fault now (the escalation steps are taken by Gongzhi itself).',
  valuesMap: {
    ASSIGN_WORK_ORDER: { description: 'Give the OPEN fault to a maintenance partner: assignLampWorkOrder.' },
    RECORD_DEPARTMENT_REPORT: {
      description: 'Record that the department reported in after the whistle (部门报到): recordDepartmentReport.',
    },
  },
});

registerEnumType(LampWorkOrderAction, {
  name: 'LampWorkOrderAction',
  description: 'A step the caller may take on a lamp work order now.',
  valuesMap: {
    REPORT_PROGRESS: { description: 'Report work under way: reportLampWorkProgress.' },
    CLOSE: { description: 'Close the order and its fault: closeLampWorkOrder.' },
    REASSIGN: { description: 'Give the order to another partner: reassignLampWorkOrder.' },
  },
});

registerEnumType(LampRenewalProjectAction, {
  name: 'LampRenewalProjectAction',
  description: 'A step the caller may take on a lamp renewal project now.',
  valuesMap: {
    TENDER: { description: 'Record the contractor that won the tender and its amount: tenderLampRenewalProject.' },
    START: { description: 'Record that the contractor started work: startLampRenewalProject.' },
    ACCEPT: { description: 'Accept the renewed lamps (验收): acceptLampRenewalProject.' },
    CANCEL: { description: 'Call the project off, with the reason: cancelLampRenewalProject.' },
  },
});

@ObjectType({ description: 'A page of lamps.' })
export class LampConnection extends Connection(Lamp) {}
@ObjectType({ description: 'A page of lamp fault reports.' })
export class LampFaultConnection extends Connection(LampFault) {}
@ObjectType({ description: 'A page of a lamp fault’s history, oldest first.' })
export class LampFaultStepConnection extends StepConnection(LampFaultStep) {}
@ObjectType({ description: 'A page of lamp work orders.' })
export class LampWorkOrderConnection extends Connection(LampWorkOrder) {}
@ObjectType({ description: 'A page of a lamp work order’s history, oldest first.' })
export class LampWorkOrderStepConnection extends StepConnection(LampWorkOrderStep) {}
@ObjectType({ description: 'A page of lamp renewal projects.' })
export class LampRenewalProjectConnection extends Connection(LampRenewalProject) {}
@ObjectType({ description: 'A page of a lamp renewal project’s history, oldest first.' })
export class LampRenewalProjectStepConnection extends StepConnection(LampRenewalProjectStep) {}

@ObjectType({ description: 'What registerLamp changed.' })
export class RegisterLampPayload {
  @Field(() => Lamp, { description: 'The lamp, now on the map.' })
  lamp!: Lamp;
}

@ObjectType({ description: 'What reportLampFault changed.' })
export class ReportLampFaultPayload {
  @Field(() => LampFault, { description: 'The fault report, OPEN, with its SLA (expectedAt).' })
  lampFault!: LampFault;
}

@ObjectType({ description: 'What recordDepartmentReport changed.' })
export class RecordDepartmentReportPayload {
  @Field(() => LampFault, { description: 'The fault, its escalation ending with DEPARTMENT_REPORT.' })
  lampFault!: LampFault;
}

@ObjectType({ description: 'What assignLampWorkOrder changed.' })
export class AssignLampWorkOrderPayload {
  @Field(() => LampWorkOrder, { description: 'The new work order; its fault is ASSIGNED with it.' })
  lampWorkOrder!: LampWorkOrder;
}

@ObjectType({ description: 'What reportLampWorkProgress changed.' })
export class ReportLampWorkProgressPayload {
  @Field(() => LampWorkOrder, { description: 'The work order, IN_PROGRESS with its fault.' })
  lampWorkOrder!: LampWorkOrder;
}

@ObjectType({ description: 'What closeLampWorkOrder changed.' })
export class CloseLampWorkOrderPayload {
  @Field(() => LampWorkOrder, { description: 'The work order, CLOSED with its fault; the lamp works again.' })
  lampWorkOrder!: LampWorkOrder;
}

@ObjectType({ description: 'What reassignLampWorkOrder changed.' })
export class ReassignLampWorkOrderPayload {
  @Field(() => LampWorkOrder, {
    description: 'The work order, REASSIGNED to the new partner; its fault is ASSIGNED again.',
  })
  lampWorkOrder!: LampWorkOrder;
}

@ObjectType({ description: 'What tenderLampRenewalProject changed.' })
export class TenderLampRenewalProjectPayload extends Payload(
  'lampRenewalProject',
  LampRenewalProject,
  'The project, TENDERED to its contractor for tenderAmountFen.',
) {}

@ObjectType({ description: 'What startLampRenewalProject changed.' })
export class StartLampRenewalProjectPayload extends Payload(
  'lampRenewalProject',
  LampRenewalProject,
  'The project, IN_PROGRESS.',
) {}

@ObjectType({ description: 'What acceptLampRenewalProject changed.' })
export class AcceptLampRenewalProjectPayload extends Payload(
  'lampRenewalProject',
  LampRenewalProject,
  'The project, ACCEPTED; an override’s reason is in its history.',
) {}

@ObjectType({ description: 'What cancelLampRenewalProject changed.' })
export class CancelLampRenewalProjectPayload extends Payload(
  'lampRenewalProject',
  LampRenewalProject,
  'The project, CANCELLED with the reason in its history.',
) {}
