import { Public, nullWhileDown } from '@gongzhi/platform';
import type { Type } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Building, Community, Compound, stub } from '../organization-copy/territory.types';

/** The place ids an entity of this subgraph stores (organization-copy/placed.schema.ts). */
interface Placed {
  communityId: unknown;
  compoundId?: unknown;
  buildingId?: unknown;
}

export interface PlaceFieldsOptions {
  /** `Compound!` for what always stands in a compound (a car park); `Compound` (the default) otherwise. */
  compound?: 'required' | 'optional';
  /** Adds `building: Building` for what may stand at a building (a lamp). */
  building?: boolean;
}

/** What a feature's resolver inherits: the place fields, each a reference organization resolves. */
export interface PlaceFields {
  community(placed: Placed): { __typename: 'Community'; id: string };
  compound(placed: Placed): { __typename: 'Compound'; id: string } | null;
}

/**
 * The fields that say where a facility stands, public and alike on every placed type: `community: Community!`,
 * `compound` and, where asked, `building`, each a reference organization resolves. A feature's resolver extends it:
 *
 *     @Resolver(() => Room)
 *     export class RoomResolver extends PlaceFieldsResolver(Room) { … }
 */
export function PlaceFieldsResolver(
  entity: Type<unknown>,
  { compound = 'optional', building = false }: PlaceFieldsOptions = {},
): abstract new () => PlaceFields {
  @Resolver(() => entity, { isAbstract: true })
  abstract class PlaceFieldsHost implements PlaceFields {
    @Public()
    @ResolveField(() => Community, {
      nullable: true,
      description: nullWhileDown('The community (社区) it is in.', 'organization'),
    })
    community(@Parent() placed: Placed) {
      return stub(placed.communityId, 'Community');
    }

    @Public()
    @ResolveField(() => Compound, {
      nullable: true,
      description:
        compound === 'optional'
          ? 'The compound (小区) it is in; null outside one.'
          : nullWhileDown('The compound (小区) it is in.', 'organization'),
    })
    compound(@Parent() placed: Placed) {
      return placed.compoundId ? stub(placed.compoundId, 'Compound') : null;
    }
  }
  if (!building) return PlaceFieldsHost;

  @Resolver(() => entity, { isAbstract: true })
  abstract class PlaceFieldsWithBuilding extends PlaceFieldsHost {
    @Public()
    @ResolveField(() => Building, { nullable: true, description: 'The building (楼栋) it is at; null when at none.' })
    building(@Parent() placed: Placed) {
      return placed.buildingId ? stub(placed.buildingId, 'Building') : null;
    }
  }
  return PlaceFieldsWithBuilding;
}
