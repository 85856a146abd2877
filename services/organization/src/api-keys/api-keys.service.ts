import {
  API_KEY_PREFIX,
  apiKeyIssued,
  apiKeyLookupKey,
  apiKeyRevoked,
  apiKeyRotated,
  apiKeyUsed,
} from '@gongzhi/contracts';
import {
  type ConnectionArgs,
  type ConnectionShape,
  EventConsumers,
  OutboxPublisher,
  paginate,
  requireSignedIn,
  withTransaction,
  Clock,
} from '@gongzhi/platform';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { ClientSession, Connection, Model, Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import type { OrganizationConfig } from '../config';
import { ORGANIZATION_CONFIG } from '../organization.tokens';
import { PartnerUnit, PartnerUnitDocument } from '../partners/partner-unit.schema';
import { ApiKeyRegistry } from './api-key-registry';
import { ApiKeyErrors } from './api-key.errors';
import { IssueApiKeyInput } from './api-key.inputs';
import { requireMayManageKeysOf } from './api-keys.access';
import { ApiKey, ApiKeyDocument, ApiKeyStatus, apiKeyStatus, REGISTRY_PENDING } from './api-key.schema';
import type { IssueApiKeyPayload, RotateApiKeyPayload } from './api-key.types';

/** Partner API keys: issued, rotated and revoked with their events, then published to the gateways' registry. */
@Injectable()
export class ApiKeysService implements OnModuleInit {
  constructor(
    @InjectModel(ApiKey.name) private readonly keys: Model<ApiKey>,
    @InjectModel(PartnerUnit.name) private readonly partners: Model<PartnerUnit>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly registry: ApiKeyRegistry,
    private readonly consumers: EventConsumers,
    private readonly clock: Clock,
    @Inject(ORGANIZATION_CONFIG) private readonly config: OrganizationConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.keys.init();
    // Its own durable consumer: a flood of usage reports never delays the registry's consumer.
    this.consumers.register({
      name: 'api-key-usage',
      events: [apiKeyUsed],
      handle: async ({ payload }, session) => {
        await this.keys.updateOne(
          { _id: payload.keyId, partnerUnitId: payload.partnerUnitId },
          // $max: reports of several gateways arrive in any order.
          { $inc: { requestCount: payload.requests }, $max: { lastUsedAt: new Date(payload.lastUsedAt) } },
          { session },
        );
      },
    });
  }

  async issue(input: IssueApiKeyInput): Promise<IssueApiKeyPayload & { apiKey: ApiKeyDocument }> {
    const actor = requireSignedIn();
    const partner = await this.partner(input.partnerUnitId);
    requireMayManageKeysOf(partner, { partnerItself: false }, actor);
    const rateLimitPerMinute = input.rateLimitPerMinute ?? null;
    const max = this.config.API_KEY_MAX_RATE_LIMIT_PER_MINUTE;
    if (rateLimitPerMinute !== null && rateLimitPerMinute > max)
      throw ApiKeyErrors.invalidRateLimit(rateLimitPerMinute, max);
    const issued = await withTransaction(this.connection, async (session) => {
      const { key, secret } = await this.createKey(
        {
          partnerUnitId: partner._id,
          scopes: input.scopes,
          rateLimitPerMinute,
          createdBy: actor.id,
        },
        session,
      );
      await this.outbox.record(
        apiKeyIssued,
        { keyId: key.id, partnerUnitId: partner.id, lastFour: key.lastFour, scopes: key.scopes },
        { session },
      );
      return { apiKey: key, secret };
    });
    this.registry.afterCommit([issued.apiKey.toObject()]);
    return issued;
  }

  /**
   * A new key with the same scopes and limit (kept as granted, even above a ceiling lowered since); the old one keeps
   * working until the overlap ends.
   */
  async rotate(id: string, overlapSeconds: number): Promise<RotateApiKeyPayload> {
    const actor = requireSignedIn();
    const old = await this.key(id);
    requireMayManageKeysOf(await this.partner(String(old.partnerUnitId)), { partnerItself: true }, actor);
    const status = apiKeyStatus(old, this.clock.now());
    if (status !== ApiKeyStatus.ACTIVE) throw ApiKeyErrors.illegalStep(id, status);
    const overlapEndsAt = new Date(this.clock.nowMs() + overlapSeconds * 1000);
    const rotated = await withTransaction(this.connection, async (session) => {
      const { key, secret } = await this.createKey(
        {
          partnerUnitId: old.partnerUnitId,
          scopes: old.scopes,
          rateLimitPerMinute: old.rateLimitPerMinute,
          createdBy: actor.id,
        },
        session,
      );
      // Conditional, so two rotations (or a rotation and a revocation) of the same key cannot both succeed.
      const replaced = await this.keys
        .findOneAndUpdate(
          { _id: old._id, revokedAt: null, expiresAt: null },
          {
            $set: { expiresAt: overlapEndsAt, replacedByKeyId: key._id, ...REGISTRY_PENDING.$set },
            $inc: REGISTRY_PENDING.$inc,
          },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (!replaced) throw ApiKeyErrors.illegalStep(id, ApiKeyStatus.EXPIRING);
      await this.outbox.record(
        apiKeyRotated,
        {
          keyId: key.id,
          previousKeyId: id,
          partnerUnitId: String(old.partnerUnitId),
          lastFour: key.lastFour,
          overlapEndsAt: overlapEndsAt.toISOString(),
        },
        { session },
      );
      return { apiKey: key, secret, previousApiKey: replaced };
    });
    this.registry.afterCommit([rotated.apiKey.toObject(), rotated.previousApiKey.toObject()]);
    return rotated;
  }

  /** Stops a key for good. Revoking a revoked key changes nothing. */
  async revoke(id: string): Promise<ApiKeyDocument> {
    const actor = requireSignedIn();
    const key = await this.key(id);
    requireMayManageKeysOf(await this.partner(String(key.partnerUnitId)), { partnerItself: true }, actor);
    if (key.revokedAt) return key;
    const revoked = await withTransaction(this.connection, async (session) => {
      const updated = await this.keys
        .findOneAndUpdate(
          { _id: key._id, revokedAt: null },
          { $set: { revokedAt: this.clock.now(), ...REGISTRY_PENDING.$set }, $inc: REGISTRY_PENDING.$inc },
          { session, returnDocument: 'after' },
        )
        .exec();
      if (updated)
        await this.outbox.record(apiKeyRevoked, { keyId: id, partnerUnitId: String(key.partnerUnitId) }, { session });
      return updated;
    });
    if (!revoked) return this.key(id); // revoked by someone else a moment ago
    this.registry.afterCommit([revoked.toObject()]);
    return revoked;
  }

  /** The partner's keys, newest first. */
  list(partner: PartnerUnitDocument, page: ConnectionArgs): Promise<ConnectionShape<ApiKeyDocument>> {
    requireMayManageKeysOf(partner, { partnerItself: true });
    return paginate(this.keys, { partnerUnitId: partner._id }, page, { direction: -1 });
  }

  /**
   * Creates a key in the caller's transaction; its secret is returned, never stored. 32 random bytes are 256 bits, so
   * a fast hash (SHA-256, the gateways' lookup key) is all the stored form needs.
   */
  private async createKey(
    fields: Pick<ApiKey, 'partnerUnitId' | 'scopes' | 'rateLimitPerMinute' | 'createdBy'>,
    session: ClientSession,
  ) {
    const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    const [key] = await this.keys.create(
      [{ ...fields, prefix: API_KEY_PREFIX, secretHash: apiKeyLookupKey(secret), lastFour: secret.slice(-4) }],
      { session },
    );
    return { key, secret };
  }

  private async key(id: string): Promise<ApiKeyDocument> {
    const key = Types.ObjectId.isValid(id) ? await this.keys.findById(id).exec() : null;
    if (!key) throw ApiKeyErrors.notFound(id);
    return key;
  }

  private async partner(id: string): Promise<PartnerUnitDocument> {
    const partner = Types.ObjectId.isValid(id) ? await this.partners.findById(id).exec() : null;
    if (!partner) throw ApiKeyErrors.partnerNotFound(id);
    return partner;
  }
}
