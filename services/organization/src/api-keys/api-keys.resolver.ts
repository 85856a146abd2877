import { ConnectionArgs, Clock } from '@gongzhi/platform';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PartnerUnit, PartnerUnitDocument } from '../partners/partner-unit.schema';
import { IssueApiKeyInput, RevokeApiKeyInput, RotateApiKeyInput } from './api-key.inputs';
import { ApiKey, ApiKeyStatus, apiKeyStatus } from './api-key.schema';
import { ApiKeyConnection, IssueApiKeyPayload, RevokeApiKeyPayload, RotateApiKeyPayload } from './api-key.types';
import { ApiKeysService } from './api-keys.service';

const STAFF = "street staff or a community secretary of one of the partner's communities";

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => IssueApiKeyPayload, {
    description: `Issues a key to a partner unit; its secret is in the payload, shown this once.\nBy ${STAFF}.`,
  })
  issueApiKey(
    @Args('input', { description: 'The partner unit the key is for, and what it may do.' }) input: IssueApiKeyInput,
  ): Promise<IssueApiKeyPayload> {
    return this.keys.issue(input);
  }

  @Mutation(() => RotateApiKeyPayload, {
    description: `Replaces an ACTIVE key with a new one of the same scopes; the old one works until the overlap ends.\nBy ${STAFF}, or the partner itself.`,
  })
  rotateApiKey(
    @Args('input', { description: 'The key to rotate, and how long the old one keeps working.' })
    { apiKeyId, overlapSeconds }: RotateApiKeyInput,
  ): Promise<RotateApiKeyPayload> {
    return this.keys.rotate(apiKeyId, overlapSeconds);
  }

  @Mutation(() => RevokeApiKeyPayload, {
    description: `Stops a key on every gateway within seconds.\nBy ${STAFF}, or the partner itself.`,
  })
  async revokeApiKey(
    @Args('input', { description: 'The key to revoke.' }) { apiKeyId }: RevokeApiKeyInput,
  ): Promise<RevokeApiKeyPayload> {
    return { apiKey: await this.keys.revoke(apiKeyId) };
  }

  @ResolveField(() => ApiKeyStatus, {
    description: 'Whether the key works now: active, expiring after a rotation, expired or revoked.',
  })
  status(@Parent() key: ApiKey) {
    return apiKeyStatus(key, this.clock.now());
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
