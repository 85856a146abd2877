import { ANONYMOUS } from '@gongzhi/contracts';
import { partnerActor, personActor, within } from '@gongzhi/testing';
import {
  ForbiddenError,
  holdsRole,
  holdsRoleCovering,
  jurisdictionFilter,
  partnerMay,
  requirePermission,
  UnauthenticatedError,
} from './access';

const songyuan = { communityId: 'c-淞源', compoundId: 'p-淞泽家园七区', buildingId: 'b-3幢' };
const secretary = personActor('idp|li-shuji', 'COMMUNITY_SECRETARY', within({ communityIds: ['c-淞源'] }));

describe('access policies', () => {
  it('lets a partner act only with the scope named and inside its co-building communities', () => {
    const school = partnerActor('pu-星海小学', ['organization:households:read'], ['c-淞源']);
    expect(partnerMay('organization:households:read', songyuan, school)).toBe(true);
    expect(partnerMay('organization:residents:read', songyuan, school)).toBe(false);
    expect(partnerMay('organization:households:read', { communityId: 'c-梅淞' }, school)).toBe(false);
    expect(partnerMay('organization:households:read', songyuan, secretary)).toBe(false);
  });

  it('finds roles anywhere or over a place', () => {
    expect(holdsRole(['COMMUNITY_SECRETARY'], secretary)).toBe(true);
    expect(holdsRole(['STREET_STAFF'], secretary)).toBe(false);
    expect(holdsRoleCovering(songyuan, ['COMMUNITY_SECRETARY'], secretary)).toBe(true);
    expect(holdsRoleCovering({ communityId: 'c-梅淞' }, ['COMMUNITY_SECRETARY'], secretary)).toBe(false);
  });

  it('refuses anonymous callers as UNAUTHENTICATED and signed-in ones as FORBIDDEN', () => {
    expect(() => requirePermission(true, ANONYMOUS)).not.toThrow();
    expect(() => requirePermission(false, ANONYMOUS)).toThrow(UnauthenticatedError);
    expect(() => requirePermission(false, secretary)).toThrow(ForbiddenError);
  });

  it('filters lists to the jurisdiction of the roles named, and to nothing for an empty one', () => {
    const leader = personActor('idp|wang', 'BUILDING_GROUP_LEADER', within({ buildingIds: ['b-3幢'] }));
    expect(jurisdictionFilter(['BUILDING_GROUP_LEADER'], leader)).toEqual({
      $or: [{ buildingId: { $in: ['b-3幢'] } }],
    });
    expect(jurisdictionFilter(['COMMUNITY_SECRETARY'], leader)).toBeNull();
    expect(
      jurisdictionFilter(['BUILDING_GROUP_LEADER'], personActor('idp|zhao', 'BUILDING_GROUP_LEADER', within({}))),
    ).toEqual({ _id: { $exists: false } });
  });
});
