import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { currentActor } from '../request-context/request-context';
import { requireSignedIn } from './access';
import { PUBLIC_ACCESS } from './public.decorator';

/**
 * Every GraphQL resolver — query, mutation, field and reference resolver — needs a signed-in caller unless it is
 * @Public(). The caller comes from the request context rather than the GraphQL context, whose place among the
 * arguments differs for reference resolvers. Refusing throws UNAUTHENTICATED, which GraphQL puts on the field alone.
 * Finer rules (roles, jurisdiction, scopes) stay with each resolver's policy.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    // REST routes (health, the gateway's internal endpoints) answer to their own rules.
    if (context.getType<string>() !== 'graphql') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ACCESS, [context.getHandler(), context.getClass()]))
      return true;
    requireSignedIn(currentActor());
    return true;
  }
}
