import { DomainError, NotFoundError } from '@gongzhi/platform';
import type { ConsentPurpose } from '../organization-copy/directory.schema';
import { appointmentStepsFrom, DoctorAppointmentAction, type DoctorAppointmentStatus } from './doctor-rota.schema';

export const DoctorRotaErrors = {
  notFound: (id: string) => new NotFoundError('DoctorRota', id),
  appointmentNotFound: (id: string) => new NotFoundError('DoctorAppointment', id),
  invalidHours: () =>
    new DomainError(
      'DOCTOR_ROTA.INVALID_HOURS',
      'The rota ends after it starts, holds at least one slot, and its last day is not before its first',
    ),
  invalidProvider: (providerId: string) =>
    new DomainError('DOCTOR_ROTA.INVALID_PROVIDER', 'The doctor comes from a partner provider of the community', {
      providerId,
    }),
  notASlot: () =>
    new DomainError('DOCTOR_ROTA.NOT_A_SLOT', 'That time is not the start of one of the rota’s future slots'),
  slotTaken: () => new DomainError('DOCTOR_ROTA.SLOT_TAKEN', 'Someone else has that slot: choose another'),
  livesElsewhere: () =>
    new DomainError('DOCTOR_ROTA.LIVES_ELSEWHERE', 'The family doctor sees residents of the community the rota is in'),
  guardianConsentRequired: (residentId: string, purpose: ConsentPurpose) =>
    new DomainError(
      'DOCTOR_APPOINTMENT.GUARDIAN_CONSENT_REQUIRED',
      `An appointment for a child under 14 needs their guardian's consent covering ${purpose} on record first`,
      { residentId, purpose, kind: 'GUARDIAN' },
    ),
  consentRequired: (residentId: string, purpose: ConsentPurpose) =>
    new DomainError(
      'DOCTOR_APPOINTMENT.CONSENT_REQUIRED',
      `An appointment made for someone else needs their own consent covering ${purpose} on record first`,
      { residentId, purpose, kind: 'SENSITIVE_DATA' },
    ),
  /** Only a booked appointment can be cancelled: one already cancelled can take no step. */
  illegalStep: (status: DoctorAppointmentStatus) =>
    new DomainError(
      'DOCTOR_APPOINTMENT.ILLEGAL_STEP',
      `A ${status.toLowerCase()} appointment cannot cancel: it is closed`,
      { status, action: DoctorAppointmentAction.CANCEL, possibleActions: appointmentStepsFrom(status) },
    ),
};
