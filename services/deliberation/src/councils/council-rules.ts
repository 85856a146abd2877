import { PlaceKind } from '../organization-copy/territory.schema';
import type { CouncilKind } from './council.schema';
import { SeatRole } from './council.schema';

/** Where each kind of council sits. */
export const COUNCIL_PLACE: Record<CouncilKind, PlaceKind> = {
  BUILDING_COUNCIL: PlaceKind.BUILDING,
  THREE_PARTY_COUNCIL: PlaceKind.COMPOUND,
  COURTYARD_MEETING: PlaceKind.COMPOUND,
  JOINT_MEETING: PlaceKind.COMMUNITY,
  DELIBERATION_HALL: PlaceKind.COMMUNITY,
};

/**
 * The seats a council of `kind` cannot do without, as groups of which at least one must be held. The three-party
 * council (三方议事) is compound branch + owners' committee + property company; where owners run the compound
 * themselves, branch + self-management committee + resident representatives. A joint meeting (联席会议) brings the
 * community party committee together with a park, a department or a partner unit.
 */
export function requiredSeats(kind: CouncilKind, hasPropertyCompany: boolean | null): SeatRole[][] {
  switch (kind) {
    case 'THREE_PARTY_COUNCIL':
      return hasPropertyCompany === false
        ? [[SeatRole.PARTY_BRANCH], [SeatRole.SELF_MANAGEMENT_COMMITTEE], [SeatRole.RESIDENT_REPRESENTATIVE]]
        : [[SeatRole.PARTY_BRANCH], [SeatRole.OWNERS_COMMITTEE], [SeatRole.PROPERTY_COMPANY]];
    case 'JOINT_MEETING':
      return [[SeatRole.COMMUNITY_PARTY_COMMITTEE], [SeatRole.PARK, SeatRole.DEPARTMENT, SeatRole.PARTNER_UNIT]];
    default:
      return [];
  }
}

/** The required groups none of whose roles is seated. */
export function missingSeats(
  kind: CouncilKind,
  seated: readonly SeatRole[],
  hasPropertyCompany: boolean | null,
): SeatRole[][] {
  return requiredSeats(kind, hasPropertyCompany).filter((group) => !group.some((role) => seated.includes(role)));
}
