import { Connection, Payload, StepConnection } from '@gongzhi/platform';
import { ObjectType } from '@nestjs/graphql';
import { DoctorAppointment, DoctorAppointmentStep, DoctorRota, DoctorSlot } from './doctor-rota.schema';

@ObjectType({ description: "A page of family doctors' rotas." })
export class DoctorRotaConnection extends Connection(DoctorRota) {}

@ObjectType({ description: "A page of a rota's slots." })
export class DoctorSlotConnection extends Connection(DoctorSlot) {}

@ObjectType({ description: 'A page of appointments with the family doctor.' })
export class DoctorAppointmentConnection extends Connection(DoctorAppointment) {}

@ObjectType({ description: "A page of an appointment's status changes, oldest first." })
export class DoctorAppointmentStepConnection extends StepConnection(DoctorAppointmentStep) {}

@ObjectType({ description: 'The result of setDoctorRota.' })
export class SetDoctorRotaPayload extends Payload('doctorRota', DoctorRota, 'The rota, its slots open for booking.') {}

@ObjectType({ description: 'The result of bookDoctorSlot.' })
export class BookDoctorSlotPayload extends Payload(
  'doctorAppointment',
  DoctorAppointment,
  'The appointment in the slot booked.',
) {}

@ObjectType({ description: 'The result of cancelDoctorAppointment.' })
export class CancelDoctorAppointmentPayload extends Payload(
  'doctorAppointment',
  DoctorAppointment,
  'The appointment, cancelled; its slot is free again.',
) {}
