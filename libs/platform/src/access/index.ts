export * from './access';
export { internalAuthMiddleware, loadInternalTokenJwks, type InternalTokenVerifier } from './internal-auth.middleware';
export { Public } from './public.decorator';
export * from './sensitive-read-audit';
