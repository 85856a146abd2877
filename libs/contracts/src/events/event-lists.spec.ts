import { type AnyEventContract } from './define-event';
import * as facilities from './facilities.events';
import * as organization from './organization.events';
import * as services from './services.events';

const contractsOf = (module: Record<string, unknown>) =>
  Object.values(module).filter(
    (value): value is AnyEventContract =>
      typeof value === 'object' && value !== null && 'type' in value && 'parseEnvelope' in value,
  );

describe('the lists of each producer’s events', () => {
  it.each([
    ['organization', organization, organization.organizationEvents],
    ['services', services, services.servicesEvents],
    ['facilities', facilities, facilities.facilitiesEvents],
  ] as const)('%s lists every contract it defines, once', (_producer, module, listed) => {
    const types = listed.map((contract) => contract.type);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual(
      contractsOf(module)
        .map((contract) => contract.type)
        .sort(),
    );
  });
});
