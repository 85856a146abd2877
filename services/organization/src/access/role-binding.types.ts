import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { RoleBinding } from './role-binding.schema';

@ObjectType({ description: 'A page of role bindings.' })
export class RoleBindingConnection extends Connection(RoleBinding) {}

@ObjectType({ description: 'What grantRole changed.' })
export class GrantRolePayload {
  @Field(() => RoleBinding, { description: 'The binding, as granted.' })
  roleBinding!: RoleBinding;
}

@ObjectType({ description: 'What revokeRole changed.' })
export class RevokeRolePayload {
  @Field(() => RoleBinding, { description: 'The binding as it was before it was taken away.' })
  roleBinding!: RoleBinding;
}
