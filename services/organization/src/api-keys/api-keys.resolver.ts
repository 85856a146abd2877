import { Connection, ConnectionArgs } from '@gongzhi/platform';
import { Args, ID, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PartnerUnit, PartnerUnitDocument } from '../partners/partner-unit.schema';
import { IssueApiKeyInput, RotateApiKeyArgs } from './api-key.inputs';
import { ApiKey, ApiKeyStatus, apiKeyStatus, IssuedApiKey } from './api-key.schema';
import { ApiKeysService } from './api-keys.service';

@ObjectType()
export class ApiKeyConnection extends Connection(ApiKey) {}

const STAFF = "street staff or a community secretary of one of the partner's communities";

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Mutation(() => IssuedApiKey, { description: `Issues a key to a partner unit; by ${STAFF}.` })
  issueApiKey(@Args('input') input: IssueApiKeyInput) {
    return this.keys.issue(input);
  }

  @Mutation(() => IssuedApiKey, {
    description: `Replaces an ACTIVE key with a new one of the same scopes; the old one works until the overlap ends. By ${STAFF}, or the partner itself.`,
  })
  rotateApiKey(@Args() { id, overlapSeconds }: RotateApiKeyArgs) {
    return this.keys.rotate(id, overlapSeconds);
  }

  @Mutation(() => ApiKey, {
    description: `Stops a key on every gateway within seconds. By ${STAFF}, or the partner itself.`,
  })
  revokeApiKey(@Args('id', { type: () => ID }) id: string) {
    return this.keys.revoke(id);
  }

  @ResolveField(() => ApiKeyStatus)
  status(@Parent() key: ApiKey) {
    return apiKeyStatus(key);
  }
}

/** The partner's keys on PartnerUnit, resolved here so the partners feature stays unaware of keys. */
@Resolver(() => PartnerUnit)
export class PartnerUnitApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @ResolveField(() => ApiKeyConnection, {
    nullable: true,
    description: `Newest first. For ${STAFF}, and the partner itself; null (FORBIDDEN) for others.`,
  })
  apiKeys(@Parent() partner: PartnerUnitDocument, @Args() page: ConnectionArgs) {
    return this.keys.list(partner, page);
  }
}
