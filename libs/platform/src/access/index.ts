export * from './access';
export { internalAuthMiddleware, loadInternalTokenJwks, type InternalTokenVerifier } from './internal-auth.middleware';
