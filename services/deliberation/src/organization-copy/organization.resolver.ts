import { Public } from '@gongzhi/platform';
import type { Type } from '@nestjs/common';
import { Parent, Resolver, ResolveReference } from '@nestjs/graphql';
import { Community, Compound, OrgUnit } from './organization.types';

/**
 * The gateway enters this subgraph through a community, compound or org unit it got from organization. The reference
 * carries nothing but the id; each field added to it checks the caller.
 */
function stubReferenceResolver(type: Type): Type {
  @Resolver(() => type)
  class StubReferenceResolver {
    @Public()
    @ResolveReference()
    resolveReference(@Parent() reference: { id: string }) {
      return { id: reference.id };
    }
  }
  return StubReferenceResolver;
}

export const CommunityReferenceResolver = stubReferenceResolver(Community);
export const CompoundReferenceResolver = stubReferenceResolver(Compound);
export const OrgUnitReferenceResolver = stubReferenceResolver(OrgUnit);
