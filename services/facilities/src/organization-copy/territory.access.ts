import type { Actor } from '@gongzhi/contracts';
import { currentActor } from '@gongzhi/platform';

/** A person living in the household now: a household's permits, passes and garden claims are theirs. */
export function livesIn(householdId: unknown, actor: Actor = currentActor()): boolean {
  return actor.kind === 'person' && actor.householdId !== undefined && actor.householdId === String(householdId);
}
