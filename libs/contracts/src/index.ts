export * from './events';
export * from './access';
export * from './request-id';
export * from './errors/error-codes';
export * from './care/purposes';
