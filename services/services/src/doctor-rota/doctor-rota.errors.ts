import { DomainError, NotFoundError } from '@gongzhi/platform';

export const DoctorRotaErrors = {
  notFound: (id: string) => new NotFoundError('DoctorRota', id),
  appointmentNotFound: (id: string) => new NotFoundError('DoctorAppointment', id),
  hoursInvalid: () =>
    new DomainError(
      'DOCTOR_ROTA.HOURS_INVALID',
      'The rota ends after it starts, holds at least one slot, and its last day is not before its first',
    ),
  providerInvalid: (providerId: string) =>
    new DomainError('DOCTOR_ROTA.PROVIDER_INVALID', 'The doctor comes from a partner provider of the community', {
      providerId,
    }),
  notASlot: () =>
    new DomainError('DOCTOR_ROTA.NOT_A_SLOT', 'That time is not the start of one of the rota’s future slots'),
  slotTaken: () => new DomainError('DOCTOR_ROTA.SLOT_TAKEN', 'Someone else has that slot: choose another'),
  livesElsewhere: () =>
    new DomainError('DOCTOR_ROTA.LIVES_ELSEWHERE', 'The family doctor sees residents of the community the rota is in'),
  alreadyCancelled: (id: string) =>
    new DomainError('DOCTOR_APPOINTMENT.ALREADY_CANCELLED', `Appointment ${id} is already cancelled`, { id }),
};
