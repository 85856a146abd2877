import { API_KEY_SCOPES, type ApiKeyScope } from '@gongzhi/contracts';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ApiKeyStatus, {
  name: 'ApiKeyStatus',
  description: 'Whether a partner API key works now.',
  valuesMap: {
    ACTIVE: { description: 'Works.' },
    EXPIRING: { description: 'Rotated: works until expiresAt, so the partner can switch to the new key.' },
    EXPIRED: { description: 'Rotated, and the overlap is over.' },
    REVOKED: { description: 'Stopped for good.' },
  },
});

/**
 * A co-building partner's key to the API. Only the SHA-256 of the secret is kept (`secretHash`, the key the gateways
 * look it up by); the secret itself is shown once, when the key is issued, and never stored.
 */
@ObjectType({
  description:
    "A partner unit's API key. The secret is never shown again after issuing; prefix and last four tell keys apart.",
})
@Schema({ collection: 'api_keys', versionKey: false, timestamps: { createdAt: true, updatedAt: false } })
export class ApiKey {
  @Field(() => ID, { description: "The key's id (not its secret)." })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  partnerUnitId!: Types.ObjectId;

  @Field({ description: 'How the secret begins, e.g. gz_live_.' })
  @Prop({ required: true })
  prefix!: string;

  @Prop({ required: true })
  secretHash!: string;

  @Field({ description: 'The last four characters of the secret.' })
  @Prop({ required: true })
  lastFour!: string;

  @Field(() => [String], {
    description:
      "What the key may do, by subgraph, e.g. organization:households:read or services:orders:accept; only inside its partner's co-building communities.",
  })
  @Prop({ type: [{ type: String, enum: API_KEY_SCOPES }], required: true })
  scopes!: ApiKeyScope[];

  @Field(() => Int, {
    nullable: true,
    description:
      "Query cost points a minute this key may spend, over all gateways (a query costs the nodes it can return); null means the gateway's default.",
  })
  @Prop({ type: Number, default: null, min: 1 })
  rateLimitPerMinute!: number | null;

  @Field({ description: 'When the key was issued.' })
  createdAt!: Date;

  /** The actor who issued or rotated it: a person's subject, the partner itself, a service. */
  @Prop({ required: true })
  createdBy!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'As the gateways last reported it (they report about once a minute).',
  })
  @Prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @Field(() => Int, { description: 'Requests the gateways let through, as they last reported.' })
  @Prop({ default: 0 })
  requestCount!: number;

  @Field(() => Date, { nullable: true, description: 'Set when the key was rotated: the end of the overlap.' })
  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null unless revoked.' })
  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  replacedByKeyId!: Types.ObjectId | null;

  /**
   * Set, with registryVersion raised, in the transaction that takes access away (a revocation, a rotation's end);
   * cleared once the registry bucket holds that version. While any key has it, no organization replica tells the
   * gateways the bucket is in sync (ApiKeyRegistry's heartbeat), so they refuse partner keys rather than serve one
   * whose revocation has not reached them.
   */
  @Prop({ type: Boolean, default: undefined })
  registryPending?: true;

  /** Raised by every change registryPending announces, so clearing it cannot swallow a later change. */
  @Prop({ type: Number, default: 0 })
  registryVersion!: number;
}

export type ApiKeyDocument = HydratedDocument<ApiKey>;
export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
ApiKeySchema.index({ secretHash: 1 }, { unique: true });
ApiKeySchema.index({ partnerUnitId: 1, _id: -1 });
ApiKeySchema.index({ registryPending: 1 }, { partialFilterExpression: { registryPending: true } });

/** The update that marks a key's change as not yet in the registry bucket (see ApiKey.registryPending). */
export const REGISTRY_PENDING = { $set: { registryPending: true }, $inc: { registryVersion: 1 } } as const;

/** Whether a key works at `now` (the Clock's): not revoked, and not past the end of a rotation's overlap. */
export function apiKeyStatus(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: Date): ApiKeyStatus {
  if (key.revokedAt) return ApiKeyStatus.REVOKED;
  if (!key.expiresAt) return ApiKeyStatus.ACTIVE;
  return key.expiresAt > now ? ApiKeyStatus.EXPIRING : ApiKeyStatus.EXPIRED;
}

/** A key that works now: the gateways' registry holds exactly these. */
export const isUsable = (key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: Date) =>
  [ApiKeyStatus.ACTIVE, ApiKeyStatus.EXPIRING].includes(apiKeyStatus(key, now));

/** The same as a MongoDB filter. */
export const usableApiKeys = (now: Date) => ({
  revokedAt: null,
  $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
});
