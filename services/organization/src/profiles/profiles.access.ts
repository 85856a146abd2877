import type { Actor } from '@gongzhi/contracts';
import { currentActor, isTrustedService, serviceOrRoleCovering } from '@gongzhi/platform';

/**
 * Community types and a community's type are public, like the community. The street classifies: street staff define
 * their city's or street's types (a type for every city is an operator's, through a service) and set the type of the
 * communities they cover; street staff and the community secretary record indicators the register cannot compute and
 * read a community's indicators.
 */
export function mayDefineProfileTypes(city: string | undefined, actor: Actor = currentActor()): boolean {
  if (isTrustedService(actor)) return true;
  return city !== undefined && actor.roles.some((grant) => grant.role === 'STREET_STAFF');
}

export function maySetProfileTypeOf(communityId: string, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering({ communityId }, ['STREET_STAFF'], actor);
}

export function mayRecordIndicatorsOf(communityId: string, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering({ communityId }, ['STREET_STAFF', 'COMMUNITY_SECRETARY'], actor);
}

export const mayReadIndicatorsOf = mayRecordIndicatorsOf;

/** The street staff's communities: where they may define types (a type's city and street must hold one of them). */
export function streetStaffCommunityIds(actor: Actor = currentActor()): string[] {
  return actor.roles
    .filter((grant) => grant.role === 'STREET_STAFF')
    .flatMap((grant) => grant.jurisdiction.communityIds);
}
