import { Connection, Payload } from '@gongzhi/platform';
import { ObjectType } from '@nestjs/graphql';
import { CareItem } from './care-item.schema';

@ObjectType({ description: 'A page of care items.' })
export class CareItemConnection extends Connection(CareItem) {}

@ObjectType({ description: 'The result of createCareItem.' })
export class CreateCareItemPayload extends Payload('careItem', CareItem, 'The item, now in the catalogue.') {}

@ObjectType({ description: 'The result of setCareItemProviders.' })
export class SetCareItemProvidersPayload extends Payload('careItem', CareItem, 'The item with its new providers.') {}
