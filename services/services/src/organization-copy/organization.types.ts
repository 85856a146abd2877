import { OrganizationEntity } from '@gongzhi/platform';

/**
 * Organization's entities, as services knows them: by id. The gateway fetches their own fields (a resident's name,
 * a community's name) from organization, which checks access to them; services adds the fields below each type
 * through resolvers of its features (a resident's care orders, the care items a community offers…). No descriptions:
 * organization's describe them in the supergraph.
 */

/** A resident; services adds their care. */
export const Resident = OrganizationEntity('Resident');
export type Resident = InstanceType<typeof Resident>;

/** A community; services adds the care offered there. */
export const Community = OrganizationEntity('Community');
export type Community = InstanceType<typeof Community>;

/** A co-building partner unit; services adds the care it provides. */
export const PartnerUnit = OrganizationEntity('PartnerUnit');
export type PartnerUnit = InstanceType<typeof PartnerUnit>;

/** Who a care order is for, as its provider sees them: organization resolves it by the order's id, checking the caller. */
export const CareRecipient = OrganizationEntity('CareRecipient', { resolvable: false });
export type CareRecipient = InstanceType<typeof CareRecipient>;

/** A community alliance (社区联盟); services adds the sessions shared with it. */
export const Alliance = OrganizationEntity('Alliance');
export type Alliance = InstanceType<typeof Alliance>;
