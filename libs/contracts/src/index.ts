export * from './events';
export * from './access';
export * from './errors/error-codes';
