import { DomainError, NotFoundError } from '@gongzhi/platform';

export const GardenErrors = {
  plotNotFound: (id: string) => new NotFoundError('GardenPlot', id),
  claimNotFound: (id: string) => new NotFoundError('GardenClaim', id),
  plotAlreadyExists: (name: string) =>
    new DomainError('GARDEN_PLOT.ALREADY_EXISTS', `The community already has a plot called ${name}`, { name }),
  invalidClaimant: () =>
    new DomainError(
      'GARDEN_CLAIM.INVALID_CLAIMANT',
      'A claim is for one household or one volunteer team: name a household or a team, not both',
    ),
  invalidHousehold: (householdId: string) =>
    new DomainError('GARDEN_CLAIM.INVALID_HOUSEHOLD', 'The household does not live where the plot is', {
      householdId,
    }),
  invalidTerm: (maxDays: number) =>
    new DomainError(
      'GARDEN_CLAIM.INVALID_TERM',
      `A covenant's term ends in the future, at most ${maxDays} days from now`,
      { maxDays },
    ),
  claimAlreadyExists: () =>
    new DomainError('GARDEN_CLAIM.ALREADY_EXISTS', 'This claimant already holds the plot or waits for it'),
  /** A step its status does not allow: care on a claim not holding its plot, releasing an ended claim. */
  illegalStep: (action: string, why: string) =>
    new DomainError('GARDEN_CLAIM.ILLEGAL_STEP', `${action}: ${why}; see the claim's nextSteps`, { action }),
};
