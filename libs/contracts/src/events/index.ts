export * from './event-envelope';
export * from './define-event';
export * from './event-naming';
export * from './organization.events';
export * from './access.events';
export * from './deliberation.events';
