import {
  API_KEY_REGISTRY_HEARTBEAT_KEY,
  apiKeyBucketName,
  type ApiKeyGrant,
  apiKeyGrantSchema,
  apiKeyIssued,
  apiKeyRevoked,
  apiKeyRotated,
  partnerAgreementSigned,
} from '@gongzhi/contracts';
import { Clock, EventConsumers, NatsConnectionProvider, Scheduler } from '@gongzhi/platform';
import { type KV, Kvm } from '@nats-io/kv';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter, Types } from 'mongoose';
import type { OrganizationConfig } from '../config';
import { ORGANIZATION_CONFIG } from '../organization.tokens';
import { PartnerUnit } from '../partners/partner-unit.schema';
import { ApiKey, isUsable, usableApiKeys } from './api-key.schema';

type ApiKeyRow = ApiKey & { _id: Types.ObjectId };
type PartnerRow = Pick<PartnerUnit, 'name' | 'agreements'> & { _id: Types.ObjectId };

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The registry every gateway watches: a NATS KV bucket holding the grant of each usable key under its secret's hash.
 * Three paths keep it right, all idempotent:
 * - fast: right after a key's transaction commits, so a revocation reaches every gateway within moments;
 * - durable: a consumer of the key and agreement events, for when the fast path failed (NATS down, a crash);
 * - reconcile: at every (re)connection to NATS and every sweep interval, compares the whole bucket with the database.
 *   Nothing announces time passing, so this is also what ends rotation overlaps and follows agreements' dates.
 * And one promise to the gateways: the heartbeat entry changes every API_KEY_REGISTRY_HEARTBEAT_MS while (and only
 * while) the bucket is known to match the database — from a reconcile after the last (re)connection until NATS goes
 * away or a fast-path write fails. A gateway that stops seeing it change refuses partner keys (fail closed).
 */
@Injectable()
export class ApiKeyRegistry implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ApiKeyRegistry.name);
  private bucket: Promise<KV> | undefined;
  /** The bucket matches the database: a reconcile succeeded since the last connection and no write failed since. */
  private inSync = false;
  /** Counts (re)connections to NATS, so a reconcile can tell whether one happened while it ran. */
  private connections = 0;
  private stopListening: (() => void) | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @InjectModel(ApiKey.name) private readonly keys: Model<ApiKey>,
    @InjectModel(PartnerUnit.name) private readonly partners: Model<PartnerUnit>,
    private readonly nats: NatsConnectionProvider,
    private readonly consumers: EventConsumers,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    @Inject(ORGANIZATION_CONFIG) private readonly config: OrganizationConfig,
  ) {}

  onModuleInit(): void {
    // Listen before the consumer below starts connecting, so the first connection triggers a reconcile too.
    this.stopListening = this.nats.onConnected(() => {
      this.bucket = undefined; // open it afresh: a server that lost its storage gets the bucket back
      this.connections++;
      this.inSync = false; // deletes made while away are not in the bucket until the reconcile
      this.inBackground('reconcile', () => this.reconcile());
    });
    this.consumers.register({
      name: 'api-key-registry',
      events: [apiKeyIssued, apiKeyRotated, apiKeyRevoked, partnerAgreementSigned],
      handle: async (event) => {
        if (event.type === partnerAgreementSigned.type)
          return this.publish({ partnerUnitId: event.payload.partnerUnitId, ...usableApiKeys(this.clock.now()) });
        const ids =
          event.type === apiKeyRotated.type
            ? [event.payload.keyId, event.payload.previousKeyId]
            : [event.payload.keyId];
        await this.publish({ _id: { $in: ids } });
      },
    });
    // While NATS is away there is nothing to sweep; the reconnection reconciles.
    this.scheduler.every({
      name: 'api-key registry sweep',
      intervalSeconds: this.config.API_KEY_REGISTRY_SWEEP_SECONDS,
      run: () => this.reconcile(),
      when: () => this.nats.isConnected(),
    });
    this.scheduler.every({
      name: 'api-key registry heartbeat',
      intervalSeconds: this.config.API_KEY_REGISTRY_HEARTBEAT_MS / 1000,
      run: () => this.heartbeat(),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    await Promise.all(this.pending);
  }

  /**
   * The fast path, after a commit: publishes or withdraws these keys without making the caller wait. While NATS is
   * away it does nothing; the consumer and the reconcile on reconnection catch up.
   */
  afterCommit(keys: ApiKeyRow[]): void {
    if (!this.nats.isConnected()) return;
    this.inBackground('fast path', async () => {
      try {
        await this.apply(keys);
      } catch (error) {
        // The bucket may now hold a key the database revoked: no heartbeat until a reconcile puts it right.
        this.inSync = false;
        this.inBackground('reconcile', () => this.reconcile());
        throw error;
      }
    });
  }

  /**
   * Tells the gateways the bucket is in sync, when it is; skipped while not (they then refuse partner keys). In sync
   * means this replica's own view (a reconcile since its last connection, no failed write since) and the database's:
   * no key anywhere waits for its change to reach the bucket — a revocation another replica committed but could not
   * yet write (its NATS connection lost, say) stops every replica's heartbeat, not only its own.
   */
  private async heartbeat(): Promise<void> {
    if (!this.inSync || !this.nats.isConnected()) return;
    if (await this.keys.exists({ registryPending: true })) return;
    await this.withKv((kv) =>
      kv.put(API_KEY_REGISTRY_HEARTBEAT_KEY, this.clock.now().toISOString()).then(() => undefined),
    ).catch((error: unknown) => this.logger.warn(`registry heartbeat not written (${String(error)})`));
  }

  /** Makes the bucket hold exactly the usable keys: puts what is missing or changed, deletes everything else. */
  async reconcile(): Promise<void> {
    // A reconnection during the reconcile leaves inSync false: it starts another reconcile, which sets it.
    const connection = this.connections;
    const wasConnected = this.nats.isConnected();
    // Read before the usable keys: whatever these rows announce, the bucket holds once the sweep below is done.
    const pending = await this.keys
      .find({ registryPending: true }, { registryPending: 1, registryVersion: 1 })
      .lean<ApiKeyRow[]>();
    const usable = await this.keys.find(usableApiKeys(this.clock.now())).lean<ApiKeyRow[]>();
    const published = await this.apply(usable);
    await this.withKv(async (kv) => {
      for await (const hash of await kv.keys())
        if (hash !== API_KEY_REGISTRY_HEARTBEAT_KEY && !published.has(hash)) await kv.delete(hash);
    });
    await this.settle(pending);
    if (wasConnected && connection === this.connections && this.nats.isConnected()) this.inSync = true;
  }

  private async publish(filter: QueryFilter<ApiKey>): Promise<void> {
    await this.apply(await this.keys.find(filter).lean<ApiKeyRow[]>());
  }

  /** Puts the grant of each usable key among `keys` and deletes the others; returns the hashes it published. */
  private async apply(keys: ApiKeyRow[]): Promise<Set<string>> {
    const now = this.clock.now();
    const grants = await this.grantsOf(
      keys.filter((key) => isUsable(key, now)),
      now,
    );
    const published = [...grants.keys()];
    await this.withKv(async (kv) => {
      for (const key of keys) {
        const grant = grants.get(key.secretHash);
        const current = await kv.get(key.secretHash);
        const held = current?.operation === 'PUT' ? current.string() : null;
        if (grant && held !== grant) await kv.put(key.secretHash, grant);
        if (!grant && held !== null) await kv.delete(key.secretHash);
      }
      // A key revoked while we wrote may have had its delete land before our put: look again, after writing.
      if (published.length === 0) return;
      const still = await this.keys
        .find({ secretHash: { $in: published }, ...usableApiKeys(this.clock.now()) }, { secretHash: 1 })
        .lean();
      const usable = new Set(still.map((key) => key.secretHash));
      for (const hash of published.filter((hash) => !usable.has(hash))) await kv.delete(hash);
    });
    await this.settle(keys);
    return new Set(published);
  }

  /** Clears registryPending on rows whose announced version the bucket now holds; a later change keeps it set. */
  private async settle(rows: ApiKeyRow[]): Promise<void> {
    const settled = rows.filter((row) => row.registryPending);
    if (settled.length === 0) return;
    await this.keys.bulkWrite(
      settled.map((row) => ({
        updateOne: {
          filter: { _id: row._id, registryVersion: row.registryVersion },
          update: { $unset: { registryPending: 1 } },
        },
      })),
    );
  }

  /** The grant (as stored: JSON) of each key whose partner exists, by the key's hash. */
  private async grantsOf(keys: ApiKeyRow[], now: Date): Promise<Map<string, string>> {
    const partnerIds = [...new Set(keys.map((key) => String(key.partnerUnitId)))];
    const partners = partnerIds.length
      ? await this.partners.find({ _id: { $in: partnerIds } }, { name: 1, agreements: 1 }).lean<PartnerRow[]>()
      : [];
    const byId = new Map(partners.map((partner) => [String(partner._id), partner]));
    const today = isoDate(now);
    const grants = new Map<string, string>();
    for (const key of keys) {
      const partner = byId.get(String(key.partnerUnitId));
      if (!partner) continue;
      const inForce = partner.agreements.filter(
        (agreement) => isoDate(agreement.validFrom) <= today && today <= isoDate(agreement.validUntil),
      );
      const grant: ApiKeyGrant = {
        keyId: String(key._id),
        partnerUnitId: String(partner._id),
        partnerName: partner.name,
        scopes: key.scopes,
        communityIds: [...new Set(inForce.map((agreement) => String(agreement.communityId)))],
        expiresAt: key.expiresAt?.toISOString() ?? null,
        rateLimitPerMinute: key.rateLimitPerMinute,
      };
      grants.set(key.secretHash, JSON.stringify(apiKeyGrantSchema.parse(grant)));
    }
    return grants;
  }

  /** Runs `work` on the bucket, opened (or created) once; a failure drops it, to be opened afresh next time. */
  private async withKv(work: (kv: KV) => Promise<void>): Promise<void> {
    this.bucket ??= this.nats.connection().then((nc) => {
      const kvm = new Kvm(nc);
      const name = apiKeyBucketName(this.config.EVENTS_NAMESPACE);
      // A gateway may have created it first with settings of its own: then use it as it is.
      return kvm.create(name, { history: 1, replicas: this.config.EVENTS_REPLICAS }).catch(() => kvm.open(name));
    });
    try {
      await work(await this.bucket);
    } catch (error) {
      this.bucket = undefined;
      throw error;
    }
  }

  /** Runs `work` without making anyone wait; a failure is logged, since another path will repair it. */
  private inBackground(what: string, work: () => Promise<unknown>): void {
    const run: Promise<void> = work()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.warn(`${what} failed (${String(error)}); the consumer or the next reconcile repairs it`),
      )
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }
}
