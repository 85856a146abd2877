export * from './actor';
export * from './internal-token';
export * from './api-keys';
