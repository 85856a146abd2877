import { OrganizationEntity } from '@gongzhi/platform';

/**
 * Organization's entities as deliberation sees them: an id and nothing else. Community, Compound and OrgUnit are
 * extended here with their councils and motions, so the gateway may enter this subgraph through them (resolvable
 * keys); the others are only pointed at, and organization resolves them with its own access rules. No descriptions:
 * the supergraph takes organization's, which owns the types.
 */

export const Community = OrganizationEntity('Community');
export type Community = InstanceType<typeof Community>;

export const Compound = OrganizationEntity('Compound');
export type Compound = InstanceType<typeof Compound>;

export const OrgUnit = OrganizationEntity('OrgUnit');
export type OrgUnit = InstanceType<typeof OrgUnit>;

export const Building = OrganizationEntity('Building', { resolvable: false });
export type Building = InstanceType<typeof Building>;

export const Household = OrganizationEntity('Household', { resolvable: false });
export type Household = InstanceType<typeof Household>;

export const Resident = OrganizationEntity('Resident', { resolvable: false });
export type Resident = InstanceType<typeof Resident>;

export const PartnerUnit = OrganizationEntity('PartnerUnit', { resolvable: false });
export type PartnerUnit = InstanceType<typeof PartnerUnit>;
