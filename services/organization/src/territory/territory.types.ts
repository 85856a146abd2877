import { Connection, INHERIT_CACHE_HINT } from '@gongzhi/platform';
import { Directive, Field, ObjectType } from '@nestjs/graphql';
import { Building, Community, Compound, Household, Resident } from './territory.schema';

@ObjectType({ description: 'A page of communities.' })
@Directive(INHERIT_CACHE_HINT)
export class CommunityConnection extends Connection(Community, undefined, { cacheable: true }) {}
@ObjectType({ description: 'A page of compounds.' })
@Directive(INHERIT_CACHE_HINT)
export class CompoundConnection extends Connection(Compound, undefined, { cacheable: true }) {}
@ObjectType({ description: 'A page of buildings.' })
@Directive(INHERIT_CACHE_HINT)
export class BuildingConnection extends Connection(Building, undefined, { cacheable: true }) {}
@ObjectType({ description: 'A page of households.' })
export class HouseholdConnection extends Connection(Household) {}
@ObjectType({ description: 'A page of residents.' })
export class ResidentConnection extends Connection(Resident) {}

@ObjectType({ description: 'What createCommunity changed.' })
export class CreateCommunityPayload {
  @Field(() => Community, { description: 'The community (社区), as registered.' })
  community!: Community;
}

@ObjectType({ description: 'What createCompound changed.' })
export class CreateCompoundPayload {
  @Field(() => Compound, { description: 'The compound (小区), as registered.' })
  compound!: Compound;
}

@ObjectType({ description: 'What createBuilding changed.' })
export class CreateBuildingPayload {
  @Field(() => Building, { description: 'The building (楼栋), as registered.' })
  building!: Building;
}

@ObjectType({ description: 'What registerHousehold changed.' })
export class RegisterHouseholdPayload {
  @Field(() => Household, { description: 'The household (户), as registered.' })
  household!: Household;
}

@ObjectType({ description: 'What changeHouseholdOwners changed.' })
export class ChangeHouseholdOwnersPayload {
  @Field(() => Household, { description: 'The household (户), with its new owners.' })
  household!: Household;
}

@ObjectType({ description: 'What moveResidentIn changed.' })
export class MoveResidentInPayload {
  @Field(() => Resident, { description: 'The resident, now living in the household.' })
  resident!: Resident;
}

@ObjectType({ description: 'What moveResidentOut changed.' })
export class MoveResidentOutPayload {
  @Field(() => Resident, { description: 'The resident, with movedOutAt set.' })
  resident!: Resident;
}
