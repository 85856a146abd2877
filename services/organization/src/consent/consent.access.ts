import type { Actor, Role } from '@gongzhi/contracts';
import { currentActor, serviceOrRoleCovering } from '@gongzhi/platform';
import { isResidentThemself, livesWithCaller, placeOf } from '../territory/territory.access';
import type { Resident } from '../territory/territory.schema';
import type { ConsentKind } from './consent.schema';

/**
 * Consents (PIPL) are kept by the community office and its grid workers, who also record consents given on paper;
 * residents see their own and their household's, record their own and, as guardians, their children's.
 */
const CONSENT_KEEPERS: readonly Role[] = ['COMMUNITY_SECRETARY', 'GRID_WORKER'];

type ConsentSubject = Pick<Resident, 'communityId' | 'compoundId' | 'buildingId' | 'householdId' | 'movedOutAt'> & {
  _id: unknown;
};

export function mayReadConsents(resident: ConsentSubject, actor: Actor = currentActor()): boolean {
  return (
    serviceOrRoleCovering(placeOf(resident), CONSENT_KEEPERS, actor) ||
    isResidentThemself(resident, actor) ||
    livesWithCaller(resident, actor)
  );
}

/** What decides who gives a consent: its kind, and the guardian named for a child's. */
interface ConsentGiven {
  kind: ConsentKind;
  guardianResidentId?: unknown;
}

/** The one who gives a consent: the guardian named for a child's, living with the child; the resident for their own. */
function givesIt(resident: ConsentSubject, consent: ConsentGiven, actor: Actor): boolean {
  if (consent.kind !== 'GUARDIAN') return isResidentThemself(resident, actor);
  return (
    livesWithCaller(resident, actor) &&
    consent.guardianResidentId != null &&
    actor.residentId === String(consent.guardianResidentId)
  );
}

/**
 * Recording or withdrawing a consent: the keepers covering the resident, or whoever gives it (that a guardian is an
 * adult of the child's household is for ConsentService to check).
 */
export function mayRecordOrWithdrawConsent(
  resident: ConsentSubject,
  consent: ConsentGiven,
  actor: Actor = currentActor(),
): boolean {
  return serviceOrRoleCovering(placeOf(resident), CONSENT_KEEPERS, actor) || givesIt(resident, consent, actor);
}
