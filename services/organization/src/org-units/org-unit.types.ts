import { Connection, INHERIT_CACHE_HINT } from '@gongzhi/platform';
import { Directive, Field, ObjectType } from '@nestjs/graphql';
import { OrgUnit } from './org-unit.schema';
import { TierScheme } from './tier-scheme.schema';

@ObjectType({ description: 'A page of org units.' })
@Directive(INHERIT_CACHE_HINT)
export class OrgUnitConnection extends Connection(OrgUnit, undefined, { cacheable: true }) {}

@ObjectType({ description: 'What createOrgUnit changed.' })
export class CreateOrgUnitPayload {
  @Field(() => OrgUnit, { description: 'The unit, as created.' })
  orgUnit!: OrgUnit;
}

@ObjectType({ description: 'What moveOrgUnit changed.' })
export class MoveOrgUnitPayload {
  @Field(() => OrgUnit, { description: 'The unit under its new parent (its subtree moved with it).' })
  orgUnit!: OrgUnit;
}

@ObjectType({ description: 'What renameOrgUnit changed.' })
export class RenameOrgUnitPayload {
  @Field(() => OrgUnit, { description: 'The unit with its new name.' })
  orgUnit!: OrgUnit;
}

@ObjectType({ description: 'What defineTierScheme changed.' })
export class DefineTierSchemePayload {
  @Field(() => TierScheme, { description: 'The tier scheme as it now reads.' })
  tierScheme!: TierScheme;
}
