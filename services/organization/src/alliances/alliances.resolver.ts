import {
  ConnectionArgs,
  type GraphQLRequestContext,
  IdArgs,
  nullWhileDown,
  Public,
  ReferenceContext,
} from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { OrgUnit } from '../org-units/org-unit.schema';
import { Community } from '../territory/territory.schema';
import { CommunityConnection } from '../territory/territory.types';
import { Alliance, type AllianceDocument } from './alliance.schema';
import { AlliancesArgs, ChangeAllianceInput, DissolveAllianceInput, FormAllianceInput } from './alliances.inputs';
import { AlliancesService } from './alliances.service';
import {
  AllianceConnection,
  ChangeAlliancePayload,
  DissolveAlliancePayload,
  FormAlliancePayload,
} from './alliances.types';

/** Alliances are public; the staff of the street leading them form, change and dissolve them (alliances.access.ts). */
@Resolver(() => Alliance)
export class AllianceResolver {
  constructor(private readonly service: AlliancesService) {}

  @Public()
  @Query(() => Alliance, {
    nullable: true,
    description: 'A community alliance (社区联盟) by its id; null when there is none.',
  })
  alliance(@Args() { id }: IdArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.service.load(loaders, id);
  }

  @Public()
  @Query(() => AllianceConnection, {
    nullable: true,
    description: nullWhileDown(
      'Community alliances (社区联盟) by name, optionally those of one place.',
      'organization',
    ),
  })
  alliances(@Args() args: AlliancesArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.service.list(loaders, args);
  }

  @Mutation(() => FormAlliancePayload, {
    description:
      'Forms a community alliance of at least two communities under the leading street; emits org.alliance.formed.\nStreet staff bound to the leading unit or a unit above it.',
  })
  async formAlliance(
    @Args('input', { description: 'Its name, the street leading it and its member communities.' })
    input: FormAllianceInput,
  ): Promise<FormAlliancePayload> {
    return { alliance: await this.service.form(input) };
  }

  @Mutation(() => ChangeAlliancePayload, {
    description:
      "Renames an alliance or changes its members; emits org.alliance.changed. A community that leaves takes its residents' access to the alliance's shared rooms and activities with it.\nStreet staff bound to the leading unit or a unit above it.",
  })
  async changeAlliance(
    @Args('input', { description: 'The alliance and what changes.' }) input: ChangeAllianceInput,
  ): Promise<ChangeAlliancePayload> {
    return { alliance: await this.service.change(input) };
  }

  @Mutation(() => DissolveAlliancePayload, {
    description:
      'Dissolves an alliance; emits org.alliance.dissolved. The rooms and care sessions shared with it stop being shared (bookings already made stand), and it takes no more changes.\nStreet staff bound to the leading unit or a unit above it.',
  })
  async dissolveAlliance(
    @Args('input', { description: 'The alliance to dissolve.' }) input: DissolveAllianceInput,
  ): Promise<DissolveAlliancePayload> {
    return { alliance: await this.service.dissolve(input) };
  }

  @Public()
  @ResolveField(() => OrgUnit, {
    nullable: true,
    description: 'The street unit leading it; null if it has been removed.',
  })
  leadingUnit(@Parent() alliance: AllianceDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.service.leadingUnit(loaders, alliance);
  }

  @Public()
  @ResolveField(() => CommunityConnection, { description: 'Its member communities (社区), by name.' })
  communities(@Parent() alliance: AllianceDocument, @Args() page: ConnectionArgs) {
    return this.service.members(alliance, page);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.service.load(loaders, reference.id);
  }
}

@Resolver(() => Community)
export class CommunityAlliancesResolver {
  constructor(private readonly service: AlliancesService) {}

  @Public()
  @ResolveField(() => AllianceConnection, { description: 'The community alliances (社区联盟) it belongs to, by name.' })
  alliances(
    @Parent() community: Community,
    @Args() page: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.service.ofCommunity(loaders, community.id, page);
  }
}
