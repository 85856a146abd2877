import type { Actor, Place } from '@gongzhi/contracts';
import { currentActor, isTrustedService, serviceOrRoleCovering } from '@gongzhi/platform';
import { CARE_READERS, isOfHousehold } from '../care-records/care-records.access';

/**
 * Hours received tell that someone needs care, so a time bank is seen only by the resident and their household, and
 * by the people who see orders where they live (the community office, grid workers, the building group leader…).
 */
export function mayReadTimeBank(
  resident: Place & { _id: unknown; householdId: unknown },
  actor: Actor = currentActor(),
): boolean {
  return (
    isTrustedService(actor) || isOfHousehold(resident, actor) || serviceOrRoleCovering(resident, CARE_READERS, actor)
  );
}
