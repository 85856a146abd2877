import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Open311 service codes of a lamp fault (GeoReport v2 `service_code`). */
export enum LampFaultServiceCode {
  LAMP_OUT = 'LAMP_OUT',
  LAMP_FLICKERING = 'LAMP_FLICKERING',
  LAMP_ON_BY_DAY = 'LAMP_ON_BY_DAY',
  POLE_DAMAGED = 'POLE_DAMAGED',
}
registerEnumType(LampFaultServiceCode, {
  name: 'LampFaultServiceCode',
  description: 'Open311 service codes of street-lamp faults.',
  valuesMap: {
    LAMP_OUT: { description: '路灯不亮: the lamp does not light at night. SLA 72 hours by default.' },
    LAMP_FLICKERING: { description: '路灯闪烁: the lamp flickers or is dim. SLA 120 hours by default.' },
    LAMP_ON_BY_DAY: { description: '白天亮灯: the lamp stays lit in daylight. SLA 120 hours by default.' },
    POLE_DAMAGED: {
      description: '灯杆损坏: the pole or its base is rusted, cracked or leaning. SLA 24 hours by default.',
    },
  },
});

@ObjectType({
  description: 'A kind of lamp fault residents can report, as an Open311 service (GET services), with its SLA.',
})
export class LampFaultService {
  @Field(() => LampFaultServiceCode, { description: 'The Open311 service_code.' })
  serviceCode!: LampFaultServiceCode;

  @Field({ description: 'The Open311 service_name, in Chinese, e.g. 路灯不亮.' })
  serviceName!: string;

  @Field({ description: 'What the fault is, in a sentence.' })
  description!: string;

  @Field(() => Int, {
    description:
      'Hours from the report within which the fault must be resolved before it escalates: the hours in force now, which street staff set (setLampFaultSla).',
  })
  slaHours!: number;
}

/**
 * The kinds of fault, with the SLA each starts with: a rusted base can bring a pole down, a day; a dark path, three
 * days; a lamp that merely flickers or burns by day, five. Street staff change the hours in force (setLampFaultSla).
 */
export const LAMP_FAULT_SERVICES: readonly LampFaultService[] = [
  {
    serviceCode: LampFaultServiceCode.LAMP_OUT,
    serviceName: '路灯不亮',
    description: 'The lamp does not light at night.',
    slaHours: 72,
  },
  {
    serviceCode: LampFaultServiceCode.LAMP_FLICKERING,
    serviceName: '路灯闪烁',
    description: 'The lamp flickers or is dim.',
    slaHours: 120,
  },
  {
    serviceCode: LampFaultServiceCode.LAMP_ON_BY_DAY,
    serviceName: '白天亮灯',
    description: 'The lamp stays lit in daylight.',
    slaHours: 120,
  },
  {
    serviceCode: LampFaultServiceCode.POLE_DAMAGED,
    serviceName: '灯杆损坏',
    description: 'The pole or its base is rusted, cracked or leaning.',
    slaHours: 24,
  },
];

/** The SLA a kind of fault starts with; the hours in force are data (LampFaultSlasService). */
export function defaultSlaHoursOf(serviceCode: LampFaultServiceCode): number {
  return LAMP_FAULT_SERVICES.find((service) => service.serviceCode === serviceCode)!.slaHours;
}
