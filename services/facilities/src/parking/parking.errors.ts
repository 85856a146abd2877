import { DomainError, NotFoundError } from '@gongzhi/platform';

export const ParkingErrors = {
  lotNotFound: (id: string) => new NotFoundError('ParkingLot', id),
  passNotFound: (id: string) => new NotFoundError('VisitorPass', id),
  permitNotFound: (id: string) => new NotFoundError('ParkingPermit', id),
  lotAlreadyExists: (name: string) =>
    new DomainError('PARKING_LOT.ALREADY_EXISTS', `The compound already has a lot called ${name}`, { name }),
  spaceAlreadyExists: () =>
    new DomainError('PARKING_SPACE.ALREADY_EXISTS', 'The lot already has a space of one of these numbers'),
  /** The household a permit is applied for lives outside the lot's compound. */
  permitHouseholdElsewhere: (householdId: string) =>
    new DomainError('PARKING_PERMIT.INVALID_HOUSEHOLD', 'The household does not live in the compound of this lot', {
      householdId,
    }),
  /** The household a visitor pass is issued for lives outside the lot's compound. */
  passHouseholdElsewhere: (householdId: string) =>
    new DomainError('VISITOR_PASS.INVALID_HOUSEHOLD', 'The household does not live in the compound of this lot', {
      householdId,
    }),
  permitAlreadyExists: (plate: string) =>
    new DomainError(
      'PARKING_PERMIT.ALREADY_EXISTS',
      `${plate} already has a permit or a place on this lot's waitlist`,
      { plate },
    ),
  illegalStep: (id: string, action: string) =>
    new DomainError(
      'PARKING_PERMIT.ILLEGAL_STEP',
      `The permit's status does not allow ${action} now (only an active permit is revoked): see its nextSteps`,
      { id, action },
    ),
  allocationRaced: () =>
    new DomainError(
      'PARKING_PERMIT.ALLOCATION_CONFLICT',
      'Another allocation of this lot ran at the same moment; nothing was granted, try again',
    ),
  invalidPassPeriod: (maxHours: number) =>
    new DomainError(
      'VISITOR_PASS.INVALID_PERIOD',
      `A visitor pass ends after it starts, in the future, at most ${maxHours} hours later`,
      { maxHours },
    ),
  passIllegalStep: (id: string, status: string, action: string) =>
    new DomainError(
      'VISITOR_PASS.ILLEGAL_STEP',
      `The pass is ${status}: only a valid pass, not yet expired nor revoked, is revoked`,
      { id, status, action },
    ),
};
