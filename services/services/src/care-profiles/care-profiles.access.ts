import type { Actor } from '@gongzhi/contracts';
import { currentActor, serviceOrRoleCovering } from '@gongzhi/platform';
import { CARE_READERS, HEALTH_READERS, isOfHousehold } from '../care-records/care-records.access';
import { placeOf } from '../organization-copy/place';
import type { CareProfile } from './care-profile.schema';

/**
 * A care profile is seen by those who look after where the resident lives (the building group leader checks on an
 * elder living alone) and by the resident's household. Health notes only by those who arrange care with them — the
 * community office and grid workers — and the household; each of those reads is audited.
 */
type ProfileRecord = Pick<CareProfile, 'residentId' | 'householdId' | 'communityId' | 'compoundId' | 'buildingId'>;

export function mayReadProfile(profile: ProfileRecord, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(profile), CARE_READERS, actor) || isOfHousehold(profile, actor);
}

export function mayReadHealth(profile: ProfileRecord, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(profile), HEALTH_READERS, actor) || isOfHousehold(profile, actor);
}
