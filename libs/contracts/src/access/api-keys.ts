import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Partner API keys. The secret is `gz_live_` and 43 base64url characters (32 random bytes); organization stores only
 * its SHA-256 (the secret has 256 bits of entropy, so a slow hash adds nothing). Organization publishes the grant of
 * every usable key into a NATS KV bucket keyed by that hash; every gateway replica watches the bucket, so an issued,
 * rotated or revoked key takes effect everywhere within moments.
 */
export const API_KEY_PREFIX = 'gz_live_';
export const API_KEY_PATTERN = /^gz_live_[A-Za-z0-9_-]{43}$/;
export const API_KEY_HEADER = 'x-api-key';

/** What a key may do, by subgraph; a key acts only inside its partner's co-building communities. */
export const API_KEY_SCOPES = [
  'organization:households:read',
  'organization:residents:read',
  /** Showing the partner's resources on its co-building communities' 资源清单 (亮资源). */
  'organization:resources:write',
  /** Moving on the co-building projects (设项目) the partner is responsible for: starting and completing them. */
  'organization:projects:write',
  'services:orders:read',
  'services:orders:accept',
  'facilities:gate-events:write',
  'facilities:lamps:read',
  'facilities:lamps:write',
  /** Filing lamp faults for the public (Open311 POST requests): a city reporting app's or a maintenance company's key. */
  'facilities:lamp-faults:report',
  'facilities:bookings:read',
  'deliberation:motions:read',
  /**
   * Taking part in the councils the partner holds a seat on (a property company on a 联席会议): reading those councils,
   * their meetings and the motions on their agendas, and giving the seat's opinion — nothing of any other council.
   */
  'deliberation:councils:take-part',
] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

/** The KV key a secret is found under: its SHA-256 in hex. */
export function apiKeyLookupKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The KV bucket of usable keys, per events namespace: `gongzhi-api-keys`. */
export function apiKeyBucketName(namespace: string): string {
  return `${namespace}-api-keys`;
}

/**
 * The bucket's one entry that is not a key: organization puts it every API_KEY_REGISTRY_HEARTBEAT_MS while the bucket
 * matches its database (after a reconcile since it last connected to NATS). A gateway that has not seen it change
 * recently cannot vouch for its copy of the bucket, and refuses partner keys rather than serve a revoked one.
 * Not a hex hash, so it can never collide with a key's lookup key.
 */
export const API_KEY_REGISTRY_HEARTBEAT_KEY = 'registry.heartbeat';

/** What a gateway knows about a usable key: enough to build the partner's actor, nothing secret. */
export const apiKeyGrantSchema = z.object({
  keyId: z.string().min(1),
  partnerUnitId: z.string().min(1),
  partnerName: z.string().min(1),
  scopes: z.array(z.string().min(1)),
  /** The communities of the partner's co-building agreements in force. */
  communityIds: z.array(z.string().min(1)),
  /** Set on a rotated key: it works until the overlap ends, then not. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  /** Query cost points a minute this key may spend (see the gateway's cost model); null means the gateway's default. */
  rateLimitPerMinute: z.number().int().positive().nullable(),
});
export type ApiKeyGrant = z.infer<typeof apiKeyGrantSchema>;
