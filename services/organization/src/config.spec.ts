import { loadOrganizationConfig } from './config';

const ENV = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/?replicaSet=rs0',
  INTERNAL_TOKEN_JWKS: '{"keys":[]}',
  PERSONAL_DATA_KEYS: '{}',
};

describe("organization's ceiling on a key's points a minute", () => {
  it('is 100,000 unless the operator sets API_KEY_MAX_RATE_LIMIT_PER_MINUTE, and follows the setting', () => {
    expect(loadOrganizationConfig(ENV).API_KEY_MAX_RATE_LIMIT_PER_MINUTE).toBe(100_000);
    expect(
      loadOrganizationConfig({ ...ENV, API_KEY_MAX_RATE_LIMIT_PER_MINUTE: '1000000000' })
        .API_KEY_MAX_RATE_LIMIT_PER_MINUTE,
    ).toBe(1_000_000_000);
  });

  it('refuses a ceiling no key could be granted or GraphQL could not carry', () => {
    for (const value of ['0', '2.5', '2147483648', 'many'])
      expect(() => loadOrganizationConfig({ ...ENV, API_KEY_MAX_RATE_LIMIT_PER_MINUTE: value })).toThrow(
        /API_KEY_MAX_RATE_LIMIT_PER_MINUTE/,
      );
  });
});
