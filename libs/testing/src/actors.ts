import type { Actor, Jurisdiction, Role } from '@gongzhi/contracts';

/** A jurisdiction from whichever levels are given: `within({ communityIds: [淞源社区] })`. */
export function within(places: Partial<Jurisdiction>): Jurisdiction {
  return {
    communityIds: places.communityIds ?? [],
    compoundIds: places.compoundIds ?? [],
    buildingIds: places.buildingIds ?? [],
  };
}

/** A signed-in person holding one role over `jurisdiction`, as the gateway would describe them to a subgraph. */
export function personActor(
  subject: string,
  role: Role,
  jurisdiction: Jurisdiction,
  extra: Partial<Pick<Actor, 'name' | 'residentId' | 'householdId'>> & { orgUnitId?: string } = {},
): Actor {
  const { orgUnitId = `unit-of-${subject}`, ...person } = extra;
  return { kind: 'person', id: subject, roles: [{ role, orgUnitId, jurisdiction }], scopes: [], ...person };
}

/** A partner unit calling with an API key of these scopes, acting in its co-building communities. */
export function partnerActor(
  partnerUnitId: string,
  scopes: string[],
  communityIds: string[],
  apiKeyId = `key-of-${partnerUnitId}`,
): Actor {
  return {
    kind: 'partner',
    id: partnerUnitId,
    roles: [{ role: 'PARTNER', jurisdiction: within({ communityIds }) }],
    scopes,
    partnerUnitId,
    apiKeyId,
  };
}
