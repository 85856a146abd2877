/** The validated FacilitiesConfig, for providers that need a setting. */
export const FACILITIES_CONFIG = Symbol('FACILITIES_CONFIG');
