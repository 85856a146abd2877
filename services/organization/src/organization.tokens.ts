/** The validated OrganizationConfig, for providers that need a setting. */
export const ORGANIZATION_CONFIG = Symbol('ORGANIZATION_CONFIG');
