import { type OrganizationCreation, organizationCreation, waitFor } from '@gongzhi/testing';
import { Types } from 'mongoose';
import type { Federation } from './services.harness';
import { dataOf } from './services.harness';

/**
 * Builds places, people and partners in organization as a trusted service, through its API: organization records
 * the events services keeps its directory from, so the specs exercise that path too.
 */
export function organizationFixtures({ org, services }: Pick<Federation, 'org' | 'services'>) {
  const create = async (mutation: OrganizationCreation, input: Record<string, unknown>): Promise<string> => {
    const { query, createdId } = organizationCreation(mutation);
    return createdId(dataOf(await org.call(query, { input })));
  };
  return {
    /** A community with one compound and its buildings, named as residents say them (3幢, 4幢). */
    async community(name: string, compound: string, buildings: string[]) {
      const communityId = await create('CreateCommunity', { name, street: '斜塘街道', city: '苏州市 苏州工业园区' });
      const compoundId = await create('CreateCompound', { communityId, name: compound });
      const buildingIds: string[] = [];
      for (const building of buildings)
        buildingIds.push(await create('CreateBuilding', { compoundId, name: building }));
      return { communityId, compoundId, buildingIds };
    },
    /** A household of the building with the people living there, in order. */
    async household(buildingId: string, unitNumber: string, people: { name: string; ageBand: string }[]) {
      const householdId = await create('RegisterHousehold', { buildingId, unitNumber, floorArea: 78.5, owners: [] });
      const residentIds: string[] = [];
      for (const person of people)
        residentIds.push(await create('MoveResidentIn', { householdId, relation: 'FAMILY', ...person }));
      return { householdId, residentIds };
    },
    /** A partner unit with a co-building agreement with each community, once services has learnt of them all. */
    async partner(name: string, kind: string, communityIds: string[]) {
      const partnerUnitId = await create('RegisterPartnerUnit', { name, kind });
      for (const communityId of communityIds) {
        await create('SignCoBuildingAgreement', {
          partnerUnitId,
          communityId,
          validFrom: '2025-01-01T00:00:00Z',
          validUntil: '2027-12-31T00:00:00Z',
          scope: '社区养老托育服务',
        });
      }
      const agreements = {
        _id: new Types.ObjectId(partnerUnitId),
        agreementCommunityIds: { $all: communityIds.map((id) => new Types.ObjectId(id)) },
      };
      await waitFor(
        async () => (await services.connection.collection('directory_partners').countDocuments(agreements)) === 1,
        `services to learn of ${name}'s agreements`,
      );
      return partnerUnitId;
    },
  };
}
