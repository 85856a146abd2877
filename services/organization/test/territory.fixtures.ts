import { type OrganizationCreation, organizationCreation } from '@gongzhi/testing';
import { dataOf, type OrganizationUnderTest } from './organization.harness';

/** Builds territory and moves people in as a trusted service, for specs that are about reading it. */
export function territoryFixtures(org: OrganizationUnderTest) {
  const create = async (mutation: OrganizationCreation, input: Record<string, unknown>): Promise<string> => {
    const { query, createdId } = organizationCreation(mutation);
    return createdId(dataOf(await org.callSubgraph(query, { input })));
  };
  return {
    community: (name: string) => create('CreateCommunity', { name, street: '斜塘街道', city: '苏州市 苏州工业园区' }),
    compound: (communityId: string, name: string) => create('CreateCompound', { communityId, name }),
    building: (compoundId: string, name: string) => create('CreateBuilding', { compoundId, name }),
    household: (buildingId: string, unitNumber: string) =>
      create('RegisterHousehold', { buildingId, unitNumber, floorArea: 86, owners: [] }),
    resident: (
      householdId: string,
      resident: { name: string; ageBand: string; phone?: string; idNumber?: string; relation?: string },
    ) => create('MoveResidentIn', { householdId, relation: 'FAMILY', ...resident }),
  };
}
