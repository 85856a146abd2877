import { moreThan } from './ratio';
import { check, decisiveCheck } from './thresholds';
import type { BallotGroup, OptionTally, RankedChoiceRound, VoteResult } from './vote-counting.types';
import { RESIDENTS_TURNOUT, turnout } from './yes-no';

/** The winner needs more than half of the ballots still ranking a continuing option. */
export const MAJORITY_OF_CONTINUING = moreThan(1, 2);

/**
 * Instant runoff: each ballot counts for its most preferred option still in the race. While no option holds a
 * majority of the ballots in play, the last is eliminated and its ballots pass to their next preference. Options
 * tied at the bottom are told apart by the latest earlier round in which they differed; those still tied leave
 * together. When every option left is tied, nothing is decided (TIE).
 */
export function countRankedChoice(
  optionIds: readonly string[],
  rollHeads: number,
  ballots: readonly BallotGroup[],
): VoteResult {
  for (const { content } of ballots) assertRanking(content.ranking ?? [], optionIds);
  const heads = ballots.reduce((sum, ballot) => sum + ballot.heads, 0);
  const continuing = new Set(optionIds);
  const rounds: RankedChoiceRound[] = [];
  let winner: OptionTally | undefined;
  let final: { leader: OptionTally; inPlay: number };
  for (;;) {
    const { tallies, exhausted } = countRound(continuing, optionIds, ballots);
    const inPlay = heads - exhausted;
    const round: RankedChoiceRound = { round: rounds.length + 1, tallies, exhausted, eliminated: [] };
    rounds.push(round);
    const leader = tallies[0];
    final = { leader, inPlay };
    if (check('MAJORITY_OF_CONTINUING_BALLOTS', leader.votes, inPlay, MAJORITY_OF_CONTINUING).met) {
      winner = leader;
      break;
    }
    const last = lastPlaced(tallies, rounds);
    if (last.length === continuing.size) break;
    round.eliminated = last;
    for (const id of last) continuing.delete(id);
  }
  const checks = [
    check('TURNOUT', heads, rollHeads, RESIDENTS_TURNOUT),
    check('MAJORITY_OF_CONTINUING_BALLOTS', final.leader.votes, final.inPlay, MAJORITY_OF_CONTINUING),
  ];
  const outcome = !checks[0].met ? 'NO_QUORUM' : winner ? 'PASSED' : final.inPlay > 0 ? 'TIE' : 'REJECTED';
  return {
    method: 'RANKED_CHOICE',
    outcome,
    turnout: turnout({ heads, area: 0 }, { heads: rollHeads, area: 0 }),
    checks,
    decidedBy: decisiveCheck(checks),
    options: rounds.at(-1)!.tallies,
    rounds,
    winners: outcome === 'PASSED' && winner ? [winner.optionId] : [],
  };
}

function assertRanking(ranking: readonly string[], optionIds: readonly string[]): void {
  if (new Set(ranking).size !== ranking.length) throw new Error('A ranking names an option twice');
  const unknown = ranking.find((id) => !optionIds.includes(id));
  if (unknown) throw new Error(`A ranking names ${unknown}, which is not an option`);
}

/** Each ballot for its highest-ranked continuing option; most votes first, ties in the ballot paper's order. */
function countRound(continuing: ReadonlySet<string>, optionIds: readonly string[], ballots: readonly BallotGroup[]) {
  const votes = new Map([...continuing].map((id) => [id, 0]));
  let exhausted = 0;
  for (const { content, heads } of ballots) {
    const top = content.ranking?.find((id) => continuing.has(id));
    if (top === undefined) exhausted += heads;
    else votes.set(top, votes.get(top)! + heads);
  }
  const tallies = optionIds
    .filter((id) => continuing.has(id))
    .map((optionId) => ({ optionId, votes: votes.get(optionId)! }));
  return { tallies: tallies.sort((a, b) => b.votes - a.votes), exhausted };
}

/** The options to eliminate: the fewest votes now, narrowed by earlier rounds, latest first. */
function lastPlaced(tallies: readonly OptionTally[], rounds: readonly RankedChoiceRound[]): string[] {
  const fewest = Math.min(...tallies.map((t) => t.votes));
  let tied = tallies.filter((t) => t.votes === fewest).map((t) => t.optionId);
  for (let r = rounds.length - 2; r >= 0 && tied.length > 1; r--) {
    const then = new Map(rounds[r].tallies.map((t) => [t.optionId, t.votes]));
    const least = Math.min(...tied.map((id) => then.get(id)!));
    tied = tied.filter((id) => then.get(id) === least);
  }
  return tied;
}
