import { Payload } from '@gongzhi/platform';
import { ObjectType } from '@nestjs/graphql';
import { CareProfile } from './care-profile.schema';

@ObjectType({ description: 'The result of recordCareProfile.' })
export class RecordCareProfilePayload extends Payload('careProfile', CareProfile, 'The profile as now recorded.') {}
