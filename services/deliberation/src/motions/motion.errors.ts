import { DomainError, NotFoundError } from '@gongzhi/platform';

/** The ways a step on a motion can be refused (besides MOTION.ILLEGAL_STEP); each code is part of the API contract. */
export const MotionErrors = {
  notFound: (id: string) => new NotFoundError('Motion', id),
  ownersMatterNeedsCompound: () =>
    new DomainError(
      'MOTION.OWNERS_MATTER_NEEDS_COMPOUND',
      "An owners' matter is decided by the owners of one compound or building: raise it there, not for a whole community",
    ),
  coSignersMissing: (required: number, present: number) =>
    new DomainError(
      'MOTION.CO_SIGNERS_MISSING',
      `A motion needs ${required} co-signers before it goes forward; it has ${present}`,
      { required, present },
    ),
  alreadyCoSigned: () => new DomainError('MOTION.ALREADY_CO_SIGNED', 'You have already co-signed this motion'),
  raiserCannotCoSign: () =>
    new DomainError('MOTION.RAISER_CANNOT_CO_SIGN', 'Whoever raised a motion does not co-sign it too'),
  nothingAmended: () => new DomainError('MOTION.NOTHING_AMENDED', 'An amendment changes the title or the description'),
  tooManyAmendments: (max: number) =>
    new DomainError(
      'MOTION.TOO_MANY_AMENDMENTS',
      `A motion takes at most ${max} amendments; withdraw it and raise it afresh`,
      { max },
    ),
  unknownLamps: (lampIds: string[]) =>
    new DomainError(
      'MOTION.UNKNOWN_LAMPS',
      `No lamp of the register has the id ${lampIds.join(', ')}; a lamp registered moments ago may take a few seconds to be known`,
      { lampIds },
    ),
  lampsElsewhere: (lampIds: string[]) =>
    new DomainError(
      'MOTION.LAMPS_ELSEWHERE',
      `Lamp ${lampIds.join(', ')} stands outside the motion's community: a motion decides for its own place`,
      { lampIds },
    ),
  noMilestone: (id: string) =>
    new DomainError(
      'MOTION.NO_MILESTONE',
      `Motion ${id} has no milestone recorded: record what was done before completing the work (or the community office overrides, with a reason)`,
      { id },
    ),
  noRating: (id: string) =>
    new DomainError(
      'MOTION.NO_RATING',
      `Nobody has rated the outcome of motion ${id}: the evaluation closes once residents have (or the community office overrides, with a reason)`,
      { id },
    ),
  changedMeanwhile: (id: string) =>
    new DomainError(
      'MOTION.CHANGED_MEANWHILE',
      `Motion ${id} changed while this step was taken; look at it again and retry`,
      { id },
    ),
};
