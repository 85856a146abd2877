import { GraphQLRequestContext, requirePermission, nullWhileDown, reference } from '@gongzhi/platform';
import { Args, Context, Info, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { residentToCareFor } from '../care-records/arrange-care';
import { ResidentDirectory } from '../organization-copy/directory.service';
import { Resident } from '../organization-copy/organization.types';
import { CareReadAudit } from '../sensitive-reads/care-read-audit';
import { CareProfile, CareProfileDocument, HealthNotes } from './care-profile.schema';
import { mayReadHealth, mayReadProfile } from './care-profiles.access';
import { RecordCareProfileInput } from './care-profiles.inputs';
import { CareProfilesService } from './care-profiles.service';
import { RecordCareProfilePayload } from './care-profiles.types';

@Resolver(() => CareProfile)
export class CareProfileResolver {
  constructor(
    private readonly profiles: CareProfilesService,
    private readonly directory: ResidentDirectory,
    private readonly audit: CareReadAudit,
  ) {}

  @Mutation(() => RecordCareProfilePayload, {
    description:
      "Creates or replaces a resident's care profile.\nThe resident or their household (a child's guardian); a grid worker or the community office covering them.",
  })
  async recordCareProfile(
    @Args('input', { description: 'The resident and what care needs to know of them.' }) input: RecordCareProfileInput,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const resident = await residentToCareFor(this.directory, loaders, input.residentId);
    const profile = await this.profiles.record(resident, input);
    requirePermission(mayReadProfile(profile));
    await this.audit.childRecords([profile], info, 'CareProfile', ['careProfile']);
    return { careProfile: profile };
  }

  @ResolveField(() => HealthNotes, {
    nullable: true,
    description:
      'The community secretary and grid workers covering the resident, and their household; every read is audited.',
  })
  async health(@Parent() profile: CareProfileDocument, @Info() info: GraphQLResolveInfo) {
    requirePermission(mayReadHealth(profile));
    if (!profile.health) return null;
    await this.audit.health(profile, info, 'HealthNotes');
    return profile.health;
  }

  @ResolveField(() => Resident, {
    nullable: true,
    description: nullWhileDown('The resident the profile is about.', 'organization'),
  })
  resident(@Parent() profile: CareProfileDocument) {
    return reference(profile.residentId);
  }
}

@Resolver(() => Resident)
export class ResidentCareProfileResolver {
  constructor(
    private readonly profiles: CareProfilesService,
    private readonly directory: ResidentDirectory,
    private readonly audit: CareReadAudit,
  ) {}

  @ResolveField(() => CareProfile, {
    nullable: true,
    description:
      'Those who see orders where the resident lives, and their household; a child’s is audited on every read.',
  })
  async careProfile(
    @Parent() { id }: Resident,
    @Context() { loaders }: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Checked against where the resident lives, so whether a profile exists is no answer to a stranger either.
    const resident = await this.directory.resident(loaders, id);
    requirePermission(
      resident?.communityId != null && mayReadProfile({ ...resident.toObject(), residentId: resident._id }),
    );
    const profile = await this.profiles.ofResident(loaders, id);
    if (profile) await this.audit.childRecords([profile], info, 'CareProfile');
    return profile;
  }
}
