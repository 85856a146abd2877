import { GraphQLRequestContext, requirePermission } from '@gongzhi/platform';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { TerritoryErrors } from '../territory/territory.errors';
import { Resident, ResidentDocument } from '../territory/territory.schema';
import { TerritoryService } from '../territory/territory.service';
import { mayReadConsents, mayRecordOrWithdrawConsent } from './consent.access';
import { RecordConsentInput, WithdrawConsentInput } from './consent.inputs';
import { Consent } from './consent.schema';
import { ConsentService } from './consent.service';
import { RecordConsentPayload, WithdrawConsentPayload } from './consent.types';

@Resolver(() => Consent)
export class ConsentResolver {
  constructor(
    private readonly consents: ConsentService,
    private readonly territory: TerritoryService,
  ) {}

  @Mutation(() => RecordConsentPayload, {
    description:
      "Records a resident's own consent (from 14), or a guardian's for a child under 14 given by an adult of the same household.\nWhoever gives it or, from a signed form, the community secretary or a grid worker covering the resident.",
  })
  async recordConsent(
    @Args('input', { description: 'The resident, the kind of consent and what it covers.' }) input: RecordConsentInput,
    @Context() { loaders }: GraphQLRequestContext,
  ): Promise<RecordConsentPayload> {
    const resident = await this.territory.load(loaders, this.territory.residents, input.residentId);
    if (!resident) throw TerritoryErrors.residentNotFound(input.residentId);
    requirePermission(mayRecordOrWithdrawConsent(resident, input));
    return { consent: await this.consents.record(resident, input) };
  }

  @Mutation(() => WithdrawConsentPayload, {
    description:
      'Withdraws a consent; the record stays, with withdrawnAt set.\nWhoever gave it, or the community secretary or a grid worker covering the resident.',
  })
  async withdrawConsent(
    @Args('input', { description: 'The consent to withdraw.' }) { consentId }: WithdrawConsentInput,
  ): Promise<WithdrawConsentPayload> {
    const resident = await this.consents.residentWithConsent(consentId);
    requirePermission(
      mayRecordOrWithdrawConsent(
        resident,
        resident.consents.find((consent) => consent.id === consentId)!,
      ),
    );
    return { consent: await this.consents.withdraw(resident, consentId) };
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
