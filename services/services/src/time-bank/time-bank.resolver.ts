import { GraphQLRequestContext, requirePermission } from '@gongzhi/platform';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { placeOf } from '../organization-copy/place';
import { CareProvider, CareProviderDocument } from '../providers/care-provider.schema';
import { Resident } from '../organization-copy/organization.types';
import { mayReadTimeBank } from './time-bank.access';
import { TimeBank } from './time-bank.schema';
import { TimeBankService } from './time-bank.service';

/** One check for both ways to a time bank: the resident's own, and a volunteer provider's. */
async function timeBankOf(
  directory: ResidentDirectory,
  timeBank: TimeBankService,
  loaders: GraphQLRequestContext['loaders'],
  residentId: unknown,
) {
  const resident = await directory.resident(loaders, residentId);
  requirePermission(
    resident?.communityId != null &&
      mayReadTimeBank({ ...placeOf(resident), _id: resident._id, householdId: resident.householdId }),
  );
  return timeBank.balanceOf(loaders, residentId);
}

@Resolver(() => Resident)
export class ResidentTimeBankResolver {
  constructor(
    private readonly directory: ResidentDirectory,
    private readonly balances: TimeBankService,
  ) {}

  @ResolveField(() => TimeBank, {
    nullable: true,
    description: 'The resident, their household, and those who see orders where they live.',
  })
  timeBank(@Parent() resident: Resident, @Context() { loaders }: GraphQLRequestContext) {
    return timeBankOf(this.directory, this.balances, loaders, resident.id);
  }
}

@Resolver(() => CareProvider)
export class VolunteerTimeBankResolver {
  constructor(
    private readonly directory: ResidentDirectory,
    private readonly balances: TimeBankService,
  ) {}

  @ResolveField(() => TimeBank, {
    nullable: true,
    description:
      'VOLUNTEER: their hours, for the volunteer themself and those who see orders where they live; null for a partner.',
  })
  timeBank(@Parent() provider: CareProviderDocument, @Context() { loaders }: GraphQLRequestContext) {
    return provider.residentId ? timeBankOf(this.directory, this.balances, loaders, provider.residentId) : null;
  }
}
