import { DomainError } from '@gongzhi/platform';
import type { BallotContent, VotingMethod, YesNoChoice } from '../vote-counting/vote-counting.types';

/** What a caller filled in on a ballot; which part is needed depends on the vote's method. */
export interface BallotInput {
  choice?: YesNoChoice | null;
  approvals?: string[] | null;
  ranking?: string[] | null;
}

const invalid = (problem: string) =>
  new DomainError('VOTE.INVALID_BALLOT', `This ballot is not valid: ${problem}`, { problem });

/**
 * The ballot's content for a vote by `method` with options `optionIds`, or VOTE.INVALID_BALLOT saying what is wrong:
 * yes/no methods take a choice; approval a set of options (none is a blank ballot); ranked choice an order of options.
 */
export function ballotContent(method: VotingMethod, optionIds: readonly string[], input: BallotInput): BallotContent {
  const { choice, approvals, ranking } = input;
  const given = [choice != null && 'choice', approvals != null && 'approvals', ranking != null && 'ranking'].filter(
    Boolean,
  );
  const expected = method === 'APPROVAL' ? 'approvals' : method === 'RANKED_CHOICE' ? 'ranking' : 'choice';
  if (given.length !== 1 || given[0] !== expected)
    throw invalid(`a ${method} ballot gives ${expected} and nothing else`);
  if (choice) return { choice };
  const picked = (approvals ?? ranking)!;
  if (new Set(picked).size !== picked.length) throw invalid('an option is named twice');
  const unknown = picked.find((id) => !optionIds.includes(id));
  if (unknown) throw invalid(`${unknown} is not an option of this vote`);
  if (ranking) {
    if (ranking.length === 0) throw invalid('a ranking names at least one option');
    return { ranking };
  }
  return { approvals: [...picked].sort() };
}

/** The ballot box a ballot goes into: identical content, identical key (approvals are a set, rankings an order). */
export function contentKey(content: BallotContent): string {
  if (content.choice) return `choice:${content.choice}`;
  if (content.ranking) return `ranking:${content.ranking.join('>')}`;
  return `approvals:${(content.approvals ?? []).join(',')}`;
}
