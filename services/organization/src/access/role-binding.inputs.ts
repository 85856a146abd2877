import { ConnectionArgs } from '@gongzhi/platform';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsMongoId, IsOptional, IsString, Length } from 'class-validator';
import { PERSON_ROLES, PersonRole } from './role-binding.schema';

@InputType({ description: 'A role to grant a person over an org unit.' })
export class GrantRoleInput {
  @Field({ description: "The identity provider's subject (sub) of the person." })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @Field({ description: 'The name the person goes by, e.g. 沈秀英.' })
  @IsString()
  @Length(1, 60)
  name!: string;

  @Field(() => PersonRole, { description: 'The role to grant.' })
  @IsIn(PERSON_ROLES)
  role!: PersonRole;

  @Field(() => ID, { description: 'The org unit whose subtree the role covers.' })
  @IsMongoId()
  orgUnitId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The resident record of the person: required for RESIDENT, optional otherwise.',
  })
  @IsOptional()
  @IsMongoId()
  residentId?: string;
}

@InputType({ description: 'Takes a role away from a person.' })
export class RevokeRoleInput {
  @Field(() => ID, { description: 'The role binding to take away.' })
  @IsMongoId()
  bindingId!: string;
}

@ArgsType()
export class RoleBindingsArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'The unit whose bindings to list (not those of its subtree).' })
  @IsMongoId()
  orgUnitId!: string;
}
