import { type GraphQLRequestContext, IdArgs, nullWhileDown, Public, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Community, type CommunityDocument } from '../territory/territory.schema';
import { CommunityProfileType } from './profile-type.schema';
import {
  mayDefineProfileTypes,
  mayReadIndicatorsOf,
  mayRecordIndicatorsOf,
  maySetProfileTypeOf,
} from './profiles.access';
import {
  CommunityProfileTypesArgs,
  DefineCommunityProfileTypeInput,
  RecordCommunityIndicatorInput,
  SetCommunityProfileTypeInput,
} from './profiles.inputs';
import { ProfilesService } from './profiles.service';
import {
  CommunityIndicators,
  CommunityProfileTypeConnection,
  DefineCommunityProfileTypePayload,
  RecordCommunityIndicatorPayload,
  SetCommunityProfileTypePayload,
} from './profiles.types';

/** Community types (社区类型) and the classification of communities by them (把脉画像). */
@Resolver(() => CommunityProfileType)
export class CommunityProfileTypesResolver {
  constructor(private readonly profiles: ProfilesService) {}

  @Public()
  @Query(() => CommunityProfileType, {
    nullable: true,
    description: 'A community type by its id; null when there is none.',
  })
  communityProfileType(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.profiles.load(loaders, id);
  }

  @Public()
  @Query(() => CommunityProfileTypeConnection, {
    nullable: true,
    description: nullWhileDown(
      'Community types by code; with a place, those that apply to its community.',
      'organization',
    ),
  })
  communityProfileTypes(@Args() args: CommunityProfileTypesArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.profiles.list(loaders, args);
  }

  @Mutation(() => DefineCommunityProfileTypePayload, {
    description:
      'Defines a community type for a city or a street.\nStreet staff serving a community there; a type for every city, operators (a service).',
  })
  async defineCommunityProfileType(
    @Args('input', { description: 'The type: its code, name, and the city or street it is for.' })
    input: DefineCommunityProfileTypeInput,
  ): Promise<DefineCommunityProfileTypePayload> {
    requirePermission(mayDefineProfileTypes(input.city));
    return { communityProfileType: await this.profiles.define(input) };
  }
}

/** A community's type and indicators, beside the territory's own fields. */
@Resolver(() => Community)
export class CommunityProfileResolver {
  constructor(private readonly profiles: ProfilesService) {}

  @Mutation(() => SetCommunityProfileTypePayload, {
    description:
      "Sets a community's type in its city's or street's classification.\nStreet staff covering the community.",
  })
  async setCommunityProfileType(
    @Args('input', { description: 'The community and its type.' }) input: SetCommunityProfileTypeInput,
  ): Promise<SetCommunityProfileTypePayload> {
    requirePermission(maySetProfileTypeOf(input.communityId));
    return { community: await this.profiles.setType(input) };
  }

  @Mutation(() => RecordCommunityIndicatorPayload, {
    description:
      "Records an indicator of a community's profile that the register cannot compute (its area, say).\nStreet staff or the community secretary covering it.",
  })
  async recordCommunityIndicator(
    @Args('input', { description: 'The community, and what is measured, its value and unit.' })
    input: RecordCommunityIndicatorInput,
  ): Promise<RecordCommunityIndicatorPayload> {
    requirePermission(mayRecordIndicatorsOf(input.communityId));
    return this.profiles.recordIndicator(input);
  }

  @Public()
  @ResolveField(() => CommunityProfileType, {
    nullable: true,
    description: 'Its type in its city’s or street’s classification (把脉画像); null when not classified.',
  })
  profileType(@Parent() community: CommunityDocument, @Context() { loaders }: GraphQLRequestContext) {
    return community.profileTypeId ? this.profiles.load(loaders, community.profileTypeId) : null;
  }

  @ResolveField(() => CommunityIndicators, {
    nullable: true,
    description:
      'Its profile indicators: households, residents, the shares of elderly residents and renters and the floor area computed from the register now, and those staff recorded.\nStreet staff or the community secretary covering it.',
  })
  profileIndicators(@Parent() community: CommunityDocument, @Context() { loaders }: GraphQLRequestContext) {
    requirePermission(mayReadIndicatorsOf(community.id));
    return this.profiles.indicators(loaders, community);
  }
}
