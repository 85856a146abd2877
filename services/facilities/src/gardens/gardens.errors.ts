import { DomainError, NotFoundError } from '@gongzhi/platform';

export const GardenErrors = {
  plotNotFound: (id: string) => new NotFoundError('GardenPlot', id),
  claimNotFound: (id: string) => new NotFoundError('GardenClaim', id),
  nameTaken: (name: string) =>
    new DomainError('GARDEN_PLOT.NAME_TAKEN', `The community already has a plot called ${name}`, { name }),
  oneClaimant: () =>
    new DomainError(
      'GARDEN_CLAIM.ONE_CLAIMANT',
      'A claim is for one household or one volunteer team: name a household or a team, not both',
    ),
  householdRequired: () =>
    new DomainError(
      'GARDEN_CLAIM.HOUSEHOLD_REQUIRED',
      'Name the household: only a registered resident claims for their own without naming it',
    ),
  householdNotHere: (householdId: string) =>
    new DomainError('GARDEN_CLAIM.HOUSEHOLD_NOT_HERE', 'The household does not live where the plot is', {
      householdId,
    }),
  termInvalid: (maxDays: number) =>
    new DomainError(
      'GARDEN_CLAIM.TERM_INVALID',
      `A covenant's term ends in the future, at most ${maxDays} days from now`,
      { maxDays },
    ),
  alreadyClaimed: () =>
    new DomainError('GARDEN_CLAIM.ALREADY_CLAIMED', 'This claimant already holds the plot or waits for it'),
  notActive: () => new DomainError('GARDEN_CLAIM.NOT_ACTIVE', 'Care is logged on a plot the caller’s claim holds now'),
  ended: (id: string) => new DomainError('GARDEN_CLAIM.ENDED', 'The claim has already ended', { id }),
};
