import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The resident a care order is for, as the provider delivering it needs them: who, where, how to call — and no more.
 * organization resolves it (it holds the register and the sealed numbers); services hands out the reference.
 */
@ObjectType({
  description:
    'Who a care order is for, as the provider delivering it sees them: name, address and a contact number, no more. Every read is audited.',
})
@Directive('@key(fields: "id")')
export class CareRecipient {
  @Field(() => ID, { description: 'The care order’s id.' })
  id!: string;

  @Field({ description: 'The resident’s name.' })
  name!: string;

  @Field({ description: 'Where to go: compound, building and door, e.g. 淞泽家园七区 3幢 301室.' })
  address!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The mobile number: whole when the resident consented to share it with their providers (SHARE_WITH_PROVIDERS), else masked (139****5678); null when none is registered.',
  })
  phone!: string | null;

  @Field({ description: 'Whether phone is whole: the resident consented to share it with their providers.' })
  phoneShared!: boolean;
}
