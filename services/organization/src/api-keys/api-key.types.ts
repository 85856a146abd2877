import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { ApiKey } from './api-key.schema';

@ObjectType({ description: 'A page of API keys.' })
export class ApiKeyConnection extends Connection(ApiKey) {}

const SECRET =
  'Send it as the x-api-key header. Shown this once: Gongzhi keeps only its hash and cannot show it again.';

@ObjectType({ description: 'What issueApiKey changed: the new key, and its secret shown this once.' })
export class IssueApiKeyPayload {
  @Field(() => ApiKey, { description: 'The key just issued.' })
  apiKey!: ApiKey;

  @Field({ description: SECRET })
  secret!: string;
}

@ObjectType({ description: 'What rotateApiKey changed: the new key with its secret shown this once, and the old key.' })
export class RotateApiKeyPayload {
  @Field(() => ApiKey, { description: 'The new key, with the same scopes and limit as the old one.' })
  apiKey!: ApiKey;

  @Field({ description: SECRET })
  secret!: string;

  @Field(() => ApiKey, { description: 'The old key: EXPIRING, it keeps working until its expiresAt.' })
  previousApiKey!: ApiKey;
}

@ObjectType({ description: 'What revokeApiKey changed.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { description: 'The key, now REVOKED.' })
  apiKey!: ApiKey;
}
