import { Connection, Payload } from '@gongzhi/platform';
import { ObjectType } from '@nestjs/graphql';
import { CareProvider } from './care-provider.schema';

@ObjectType({ description: 'A page of care providers.' })
export class CareProviderConnection extends Connection(CareProvider) {}

@ObjectType({ description: 'The result of registerPartnerCareProvider.' })
export class RegisterPartnerCareProviderPayload extends Payload(
  'careProvider',
  CareProvider,
  'The partner unit, now a provider in the community.',
) {}

@ObjectType({ description: 'The result of registerVolunteer.' })
export class RegisterVolunteerPayload extends Payload(
  'careProvider',
  CareProvider,
  'The volunteer, now a provider in the community they live in.',
) {}
