import type { Actor } from '@gongzhi/contracts';
import { currentActor } from '@gongzhi/platform';
import type { Types } from 'mongoose';
import { consentToArrange, type RestsOn } from '../care-records/arranged-on-consent';
import type { DirectoryResident } from '../organization-copy/directory.schema';
import type { CareItem } from './care-item.schema';
import { CatalogueErrors } from './catalogue.errors';

/**
 * Whether a resident may receive an item, whether ordered or booked: their age band is one it is for, they live in
 * its community (or in one of `alsoFor`, the communities of the alliance a session is shared with) when it is only for
 * residents, and the consent it needs covers its category (consentToArrange: a child's guardian's; the resident's own
 * when someone else arranges it). Throws the reason otherwise; answers the consent the care rests on, if any.
 */
export function requireEligible(
  item: Pick<CareItem, 'eligibility' | 'communityId' | 'category'>,
  resident: Pick<DirectoryResident, 'ageBand' | 'communityId' | 'consents'> & { _id: unknown },
  actor: Actor = currentActor(),
  alsoFor: readonly Types.ObjectId[] = [],
): RestsOn | null {
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
  return consentToArrange(resident, item.category, CatalogueErrors, actor);
}
