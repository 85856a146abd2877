export * from './actor';
export * from './internal-token';
export * from './api-keys';
export * from './person-access';
