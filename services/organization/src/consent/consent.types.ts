import { Field, ObjectType } from '@nestjs/graphql';
import { Consent } from './consent.schema';

@ObjectType({ description: 'What recordConsent changed.' })
export class RecordConsentPayload {
  @Field(() => Consent, { description: 'The consent, as recorded.' })
  consent!: Consent;
}

@ObjectType({ description: 'What withdrawConsent changed.' })
export class WithdrawConsentPayload {
  @Field(() => Consent, { description: 'The consent, with withdrawnAt set.' })
  consent!: Consent;
}
