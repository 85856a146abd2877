import { DomainError, NotFoundError } from '@gongzhi/platform';

export const NoticeErrors = {
  objectionNotFound: (id: string) => new NotFoundError('Objection', id),
  windowInThePast: () =>
    new DomainError('NOTICE.WINDOW_IN_THE_PAST', 'The objection window must end after the notice is published'),
  windowTooShort: (minDays: number, earliestEnd: Date) =>
    new DomainError(
      'NOTICE.WINDOW_TOO_SHORT',
      `A public notice runs at least ${minDays} day(s): its window may end ${earliestEnd.toISOString()} at the earliest; street staff may shorten it with a recorded override`,
      { minDays, earliestEnd: earliestEnd.toISOString() },
    ),
  windowClosed: (endedAt: Date) =>
    new DomainError('NOTICE.WINDOW_CLOSED', `The window for objections ended at ${endedAt.toISOString()}`, {
      endedAt: endedAt.toISOString(),
    }),
  windowOpen: (endsAt: Date) =>
    new DomainError(
      'NOTICE.WINDOW_OPEN',
      `Objections may be raised until ${endsAt.toISOString()}; the notice closes after that`,
      { endsAt: endsAt.toISOString() },
    ),
  objectionsUnanswered: (open: number) =>
    new DomainError(
      'NOTICE.OBJECTIONS_UNANSWERED',
      `${open} objection(s) await an answer; the decision is carried out only once every objection is answered`,
      { open },
    ),
  alreadyObjected: () =>
    new DomainError('NOTICE.ALREADY_OBJECTED', 'You have already raised an objection to this notice'),
  alreadyAnswered: (id: string) =>
    new DomainError('NOTICE.OBJECTION_ALREADY_ANSWERED', `Objection ${id} has already been answered`, { id }),
};
