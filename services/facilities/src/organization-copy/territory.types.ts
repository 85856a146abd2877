import { OrganizationEntity } from '@gongzhi/platform';

/**
 * organization's places as facilities extends them: the gateway fetches a community, compound, building or household
 * from organization and asks facilities only for the fields added here (lamps, rooms, parking…). Each feature adds its
 * fields with a resolver of its own; the reference is the id alone, so there is nothing to check on the way in. No
 * descriptions here: organization's describe the types in the supergraph.
 */

/** A community (社区); its name and the rest come from organization. */
export const Community = OrganizationEntity('Community');
export type Community = InstanceType<typeof Community>;

/** A residential compound (小区). */
export const Compound = OrganizationEntity('Compound');
export type Compound = InstanceType<typeof Compound>;

/** A building (楼栋). */
export const Building = OrganizationEntity('Building');
export type Building = InstanceType<typeof Building>;

/** A household (户). */
export const Household = OrganizationEntity('Household');
export type Household = InstanceType<typeof Household>;

/** A resident, resolved by organization, which decides who may see them. */
export const Resident = OrganizationEntity('Resident', { resolvable: false });
export type Resident = InstanceType<typeof Resident>;

/** A reference to organization's entity of this type and id. */
export const stub = <T extends string>(id: unknown, typename: T) => ({ __typename: typename, id: String(id) });

/** A community alliance (社区联盟); facilities adds the rooms shared with it. */
export const Alliance = OrganizationEntity('Alliance');
export type Alliance = InstanceType<typeof Alliance>;
