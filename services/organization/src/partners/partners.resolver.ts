import {
  ConnectionArgs,
  GraphQLRequestContext,
  Public,
  ReferenceContext,
  requirePermission,
  nullWhileDown,
} from '@gongzhi/platform';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Community } from '../territory/territory.schema';
import { CoBuildingAgreement, PartnerUnit, PartnerUnitDocument } from './partner-unit.schema';
import { PartnerUnitsArgs, RegisterPartnerUnitInput, SignCoBuildingAgreementInput } from './partners.inputs';
import { mayRegisterPartners, maySignAgreementsIn } from './partners.access';
import { PartnersService } from './partners.service';
import {
  CoBuildingAgreementConnection,
  PartnerUnitConnection,
  RegisterPartnerUnitPayload,
  SignCoBuildingAgreementPayload,
} from './partners.types';

@Resolver(() => PartnerUnit)
export class PartnerUnitResolver {
  constructor(private readonly partners: PartnersService) {}

  @Public()
  @Query(() => PartnerUnit, {
    nullable: true,
    description: 'A partner unit (共建单位) by its id; null when there is none.',
  })
  partnerUnit(
    @Args('id', { type: () => ID, description: "The partner unit's id." }) id: string,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.partners.load(loaders, id);
  }

  @Public()
  @Query(() => PartnerUnitConnection, {
    nullable: true,
    description: nullWhileDown('Partner units by name, optionally by kind or place.', 'organization'),
  })
  partnerUnits(@Args() args: PartnerUnitsArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.partners.list(loaders, args);
  }

  @Mutation(() => RegisterPartnerUnitPayload, { description: 'Registers a co-building partner unit.\nStreet staff.' })
  async registerPartnerUnit(
    @Args('input', { description: 'The partner unit (共建单位) to register.' }) input: RegisterPartnerUnitInput,
  ): Promise<RegisterPartnerUnitPayload> {
    requirePermission(mayRegisterPartners());
    return { partnerUnit: await this.partners.register(input) };
  }

  @Mutation(() => SignCoBuildingAgreementPayload, {
    description:
      'Records a co-building agreement (互联共建协议) between a partner unit and a community.\nThe community secretary of that community, or street staff covering it.',
  })
  signCoBuildingAgreement(
    @Args('input', { description: 'The partner unit, the community and the terms of the agreement.' })
    input: SignCoBuildingAgreementInput,
  ): Promise<SignCoBuildingAgreementPayload> {
    requirePermission(maySignAgreementsIn(input.communityId));
    return this.partners.signAgreement(input);
  }

  @Public()
  @ResolveField(() => CoBuildingAgreementConnection, {
    description: 'Its co-building agreements with communities, oldest first.',
  })
  agreements(@Parent() partner: PartnerUnitDocument, @Args() page: ConnectionArgs) {
    return this.partners.agreements(partner, page);
  }

  @Public()
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @ReferenceContext() { loaders }: GraphQLRequestContext) {
    return this.partners.load(loaders, reference.id);
  }
}

@Resolver(() => CoBuildingAgreement)
export class CoBuildingAgreementResolver {
  constructor(private readonly partners: PartnersService) {}

  @Public()
  @ResolveField(() => Community, { description: 'The community (社区) the agreement is with.' })
  community(@Parent() agreement: CoBuildingAgreement, @Context() { loaders }: GraphQLRequestContext) {
    return this.partners.community(loaders, agreement.communityId);
  }
}
