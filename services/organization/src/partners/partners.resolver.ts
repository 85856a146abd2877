import { Connection, GraphQLRequestContext, Public, ReferenceContext, requirePermission } from '@gongzhi/platform';
import {
  Args,
  Context,
  ID,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { Community } from '../territory/territory.schema';
import { CoBuildingAgreement, PartnerUnit } from './partner-unit.schema';
import { PartnerUnitsArgs, RegisterPartnerUnitInput, SignCoBuildingAgreementInput } from './partners.inputs';
import { mayRegisterPartners, maySignAgreementsIn } from './partners.access';
import { PartnersService } from './partners.service';

@ObjectType()
export class PartnerUnitConnection extends Connection(PartnerUnit) {}

@Resolver(() => PartnerUnit)
export class PartnerUnitResolver {
  constructor(private readonly partners: PartnersService) {}

  @Public()
  @Query(() => PartnerUnit, { nullable: true })
  partnerUnit(@Args('id', { type: () => ID }) id: string, @Context() { loaders }: GraphQLRequestContext) {
    return this.partners.load(loaders, id);
  }

  @Public()
  @Query(() => PartnerUnitConnection, { description: 'Partner units by name, optionally by kind or community.' })
  partnerUnits(@Args() args: PartnerUnitsArgs) {
    return this.partners.list(args);
  }

  @Mutation(() => PartnerUnit, { description: 'Street staff.' })
  registerPartnerUnit(@Args('input') input: RegisterPartnerUnitInput) {
    requirePermission(mayRegisterPartners());
    return this.partners.register(input);
  }

  @Mutation(() => PartnerUnit, {
    description: 'The community secretary of that community, or street staff covering it.',
  })
  signCoBuildingAgreement(@Args('input') input: SignCoBuildingAgreementInput) {
    requirePermission(maySignAgreementsIn(input.communityId));
    return this.partners.signAgreement(input);
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
  @ResolveField(() => Community)
  community(@Parent() agreement: CoBuildingAgreement, @Context() { loaders }: GraphQLRequestContext) {
    return this.partners.community(loaders, agreement.communityId);
  }
}
