import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { PersonalDataKeyRing } from './personal-data-keys';

/** The personal data kept sealed at rest, each under its own name (it is bound into the ciphertext and the lookup). */
export type SealedField = 'phone' | 'idNumber';

/** One value as stored: which key sealed it, the AES-256-GCM ciphertext, and a keyed blind index for exact lookups. */
export interface SealedValue {
  keyId: string;
  /** base64 of IV (12 bytes) ‖ tag (16 bytes) ‖ ciphertext. */
  data: string;
  /** base64url HMAC-SHA256 of the field's name and value under the key's index key: equal values, equal lookups. */
  lookup: string;
}

/** A sealed value that cannot be opened with the configured keys: a key missing from the ring, or a different key under its id. */
export class PersonalDataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataKeyError';
  }
}

interface DerivedKey {
  id: string;
  encryption: Buffer;
  index: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals and opens residents' phone and ID numbers with Node's crypto: AES-256-GCM with a random IV for the value,
 * bound to the record and field it belongs to (so a ciphertext copied to another record or field does not open),
 * and an HMAC-SHA256 blind index for the lookups by number. Each key of the ring derives its encryption key and
 * its index key with HKDF, so one secret per key id is all an operator handles.
 */
export class PersonalDataCipher {
  private readonly keys: Map<string, DerivedKey>;
  readonly activeKeyId: string;

  constructor(ring: PersonalDataKeyRing) {
    this.keys = new Map(
      ring.keys.map(({ id, secret }) => [
        id,
        {
          id,
          encryption: Buffer.from(
            hkdfSync('sha256', secret, Buffer.alloc(0), 'gongzhi personal data v1: encryption', 32),
          ),
          index: Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'gongzhi personal data v1: blind index', 32)),
        },
      ]),
    );
    this.activeKeyId = ring.activeKeyId;
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** Seals `value` of `field` of the record `recordId` with the active key (or the key named: the start-up key check). */
  seal(field: string, recordId: unknown, value: string, keyId = this.activeKeyId): SealedValue {
    const key = this.keys.get(keyId);
    if (!key) throw new PersonalDataKeyError(`there is no key "${keyId}" in the key ring (${this.keyIds.join(', ')})`);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.encryption, iv);
    cipher.setAAD(associatedData(field, recordId));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return {
      keyId: key.id,
      data: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64'),
      lookup: this.lookupWith(key, field, value),
    };
  }

  /** The clear value; a PersonalDataKeyError when the ring lacks the key or holds another key under its id. */
  open(field: string, recordId: unknown, sealed: Pick<SealedValue, 'keyId' | 'data'>): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new PersonalDataKeyError(
        `${field} of ${String(recordId)} is sealed with key "${sealed.keyId}", which is not in the key ring (${this.keyIds.join(', ')}): add it to PERSONAL_DATA_KEYS`,
      );
    }
    const bytes = Buffer.from(sealed.data, 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.encryption, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(associatedData(field, recordId));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new PersonalDataKeyError(
        `${field} of ${String(recordId)} does not open with key "${key.id}": the configured secret is not the one that sealed it, or the value was altered`,
      );
    }
  }

  /** Every lookup `value` can have under the ring's keys: what an exact search matches, before and after a rotation. */
  lookups(field: string, value: string): string[] {
    return [...this.keys.values()].map((key) => this.lookupWith(key, field, value));
  }

  private lookupWith(key: DerivedKey, field: string, value: string): string {
    return createHmac('sha256', key.index).update(`${field}\u0000${value}`).digest('base64url');
  }
}

function associatedData(field: string, recordId: unknown): Buffer {
  return Buffer.from(`${field}\u0000${String(recordId)}`, 'utf8');
}
