import { GraphQLRequestContext, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { TerritoryErrors } from '../territory/territory.errors';
import { Resident, ResidentDocument } from '../territory/territory.schema';
import { TerritoryService } from '../territory/territory.service';
import { mayReadConsents, mayRecordOrWithdrawConsent } from './consent.access';
import { RecordConsentInput, WithdrawConsentArgs } from './consent.inputs';
import { Consent } from './consent.schema';
import { ConsentService } from './consent.service';

@Resolver(() => Consent)
export class ConsentResolver {
  constructor(
    private readonly consents: ConsentService,
    private readonly territory: TerritoryService,
  ) {}

  @Mutation(() => Consent, {
    description:
      "A resident's own consent (from 14), or a guardian's for a child under 14 given by an adult of the same household; recorded by whoever gives it or, from a signed form, by the community secretary or a grid worker covering the resident.",
  })
  async recordConsent(@Args('input') input: RecordConsentInput, @Context() { loaders }: GraphQLRequestContext) {
    const resident = await this.territory.load(loaders, this.territory.residents, input.residentId);
    if (!resident) throw TerritoryErrors.residentNotFound(input.residentId);
    requirePermission(mayRecordOrWithdrawConsent(resident, input));
    return this.consents.record(resident, input);
  }

  @Mutation(() => Consent, {
    description: 'By whoever gave it, or the community secretary or a grid worker covering the resident.',
  })
  async withdrawConsent(@Args() { consentId }: WithdrawConsentArgs) {
    const resident = await this.consents.residentWithConsent(consentId);
    requirePermission(
      mayRecordOrWithdrawConsent(
        resident,
        resident.consents.find((consent) => consent.id === consentId)!,
      ),
    );
    return this.consents.withdraw(resident, consentId);
  }
}

@Resolver(() => Resident)
export class ResidentConsentsResolver {
  @ResolveField(() => [Consent], {
    nullable: true,
    description:
      'Given and withdrawn, oldest first: the community secretary and grid workers covering the resident, the resident and their household.',
  })
  consents(@Parent() resident: ResidentDocument) {
    requirePermission(mayReadConsents(resident));
    return resident.consents;
  }
}
