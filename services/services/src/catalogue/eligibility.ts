import type { Types } from 'mongoose';
import { isChildUnder14 } from '../organization-copy/age-band';
import { ConsentKind, type DirectoryResident, hasConsentInForce } from '../organization-copy/directory.schema';
import type { CareItem } from './care-item.schema';
import { CatalogueErrors } from './catalogue.errors';

/**
 * Whether a resident may receive an item, whether ordered or booked: their age band is one it is for, they live in
 * its community (or in one of `alsoFor`, the communities of the alliance a session is shared with) when it is only for
 * residents, and a child under 14 has a guardian's consent on record (PIPL art. 31).
 * Throws the reason otherwise.
 */
export function requireEligible(
  item: Pick<CareItem, 'eligibility' | 'communityId'>,
  resident: Pick<DirectoryResident, 'ageBand' | 'communityId' | 'consents'> & { _id: unknown },
  alsoFor: readonly Types.ObjectId[] = [],
): void {
  const { ageBand } = resident;
  if (!ageBand)
    throw CatalogueErrors.notEligible(
      'AGE_UNKNOWN',
      "The resident's age band is not known yet: the community office can record it",
    );
  if (!item.eligibility.ageBands.includes(ageBand)) {
    throw CatalogueErrors.notEligible('AGE_BAND', `It is for ${item.eligibility.ageBands.join(', ')}, not ${ageBand}`);
  }
  const livesThere = [item.communityId, ...alsoFor].some((community) => community.equals(resident.communityId));
  if (item.eligibility.residentsOnly && !livesThere) {
    throw CatalogueErrors.notEligible(
      'LIVES_ELSEWHERE',
      alsoFor.length
        ? 'It is only for residents of the community that offers it and of the alliance (社区联盟) it is shared with'
        : 'It is only for residents of the community that offers it',
    );
  }
  if (isChildUnder14(ageBand) && !hasConsentInForce(resident, ConsentKind.GUARDIAN))
    throw CatalogueErrors.guardianConsentRequired(String(resident._id));
}
