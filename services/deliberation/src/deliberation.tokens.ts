/** The validated DeliberationConfig, for providers that need a setting. */
export const DELIBERATION_CONFIG = Symbol('DELIBERATION_CONFIG');
