import { DomainError, ForbiddenError } from '@gongzhi/platform';

/** The ways opening, casting and closing can be refused; each code is part of the API contract. */
export const VotingErrors = {
  ownersMatterNeedsJointDecision: () =>
    new DomainError(
      'VOTE.METHOD_NOT_ALLOWED',
      "An owners' matter is decided by the owners' joint decision (Civil Code art. 278), method OWNERS_JOINT_DECISION",
    ),
  jointDecisionNeedsOwnersMatter: () =>
    new DomainError(
      'VOTE.METHOD_NOT_ALLOWED',
      "OWNERS_JOINT_DECISION decides the matters of Civil Code art. 278: raise the motion as an owners' matter",
    ),
  optionsInvalid: (problem: string) =>
    new DomainError('VOTE.INVALID_OPTIONS', `The ballot paper is not valid: ${problem}`, { problem }),
  endsInThePast: () => new DomainError('VOTE.ENDS_IN_THE_PAST', 'A vote must end after it opens'),
  rollIncomplete: (households: number) =>
    new DomainError(
      'VOTE.ROLL_INCOMPLETE',
      `${households} household(s) of this place have no floor area on record, so owners cannot be counted by area`,
      { households },
    ),
  emptyRoll: () =>
    new DomainError(
      'VOTE.EMPTY_ROLL',
      'Nobody is on the roll of this place: no owners or adult residents are registered there',
    ),
  notOpen: () => new DomainError('VOTE.NOT_OPEN', 'There is no open vote on this motion'),
  closed: () => new DomainError('VOTE.CLOSED', 'Voting on this motion has ended'),
  notOnRoll: (owners: boolean) =>
    new DomainError(
      'VOTE.NOT_ON_ROLL',
      owners
        ? "Only the owners on the roll frozen when voting opened vote on this owners' matter"
        : 'Only the adult residents living here when voting opened are on the roll of this vote',
    ),
  /** Not on the roll, or not in the buildings the caller takes ballots for: one answer, so the roll stays private. */
  notYourVoter: () =>
    new ForbiddenError(
      'You take no ballot for this voter: they are not on the roll of this vote in a building you cover',
    ),
  proxyUnnamed: () =>
    new DomainError(
      'VOTE.PROXY_UNNAMED',
      'A proxy ballot names the proxy and the written authorisation (委托书) it is cast under',
    ),
  alreadyVoted: () =>
    new DomainError(
      'VOTE.ALREADY_VOTED',
      'This voter has already voted; one ballot per voter, whatever the channel. The attempt has been recorded.',
    ),
  stillOpen: (endsAt: Date) =>
    new DomainError(
      'VOTE.STILL_OPEN',
      `Voting runs until ${endsAt.toISOString()}; it closes earlier only once everyone on the roll has voted`,
      {
        endsAt: endsAt.toISOString(),
      },
    ),
};
