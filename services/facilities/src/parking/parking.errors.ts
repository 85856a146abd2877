import { DomainError, NotFoundError } from '@gongzhi/platform';

export const ParkingErrors = {
  lotNotFound: (id: string) => new NotFoundError('ParkingLot', id),
  permitNotFound: (id: string) => new NotFoundError('ParkingPermit', id),
  lotteryNotFound: (id: string) => new NotFoundError('ParkingLottery', id),
  lotNameTaken: (name: string) =>
    new DomainError('PARKING_LOT.NAME_TAKEN', `The compound already has a lot called ${name}`, { name }),
  spaceNumberTaken: () =>
    new DomainError('PARKING_SPACE.NUMBER_TAKEN', 'The lot already has a space of one of these numbers'),
  householdRequired: () =>
    new DomainError(
      'PARKING.HOUSEHOLD_REQUIRED',
      'Name the household: only a registered resident applies for their own without naming it',
    ),
  householdNotInCompound: (householdId: string) =>
    new DomainError('PARKING.HOUSEHOLD_NOT_IN_COMPOUND', 'The household does not live in the compound of this lot', {
      householdId,
    }),
  alreadyApplied: (plate: string) =>
    new DomainError(
      'PARKING_PERMIT.ALREADY_APPLIED',
      `${plate} already has a permit or a place on this lot's waitlist`,
      { plate },
    ),
  notActive: (id: string) =>
    new DomainError('PARKING_PERMIT.NOT_ACTIVE', 'Only an active permit can be revoked', { id }),
  allocationRaced: () =>
    new DomainError(
      'PARKING_PERMIT.ALLOCATION_CONFLICT',
      'Another allocation of this lot ran at the same moment; nothing was granted, try again',
    ),
  passPeriodInvalid: (maxHours: number) =>
    new DomainError(
      'VISITOR_PASS.PERIOD_INVALID',
      `A visitor pass ends after it starts, in the future, at most ${maxHours} hours later`,
      { maxHours },
    ),
};
