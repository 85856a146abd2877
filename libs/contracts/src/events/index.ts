export * from './event-envelope';
export * from './define-event';
export * from './event-naming';
export * from './organization.events';
export * from './access.events';
export * from './services.events';
export * from './facilities.events';
export * from './deliberation.events';
