import { Clock, systemClock } from '@gongzhi/platform';
import type { Connection } from 'mongoose';
import { PersonalDataCipher, PersonalDataKeyError, type SealedValue } from './personal-data-cipher';
import { SEALED_FIELDS, SEALED_PATHS } from './resident-contact';

/** One sealed check value per key id, so a key given under an id it did not have before is caught at start. */
export const KEY_CHECKS_COLLECTION = 'personal_data_key_checks';
const CHECK_FIELD = 'key-check';
const CHECK_TEXT = 'gongzhi personal data key check';

interface KeyCheck {
  _id: string;
  sealed: SealedValue;
  createdAt: Date;
}

/**
 * Before anything is sealed or opened: every key of the ring must be the key its id stood for when this database
 * first saw it, and every key that sealed a resident's number must be in the ring. Fails with a message that says
 * which key and what to do, never with the data.
 */
export async function verifyKeyRing(
  connection: Connection,
  cipher: PersonalDataCipher,
  clock: Clock = systemClock,
): Promise<void> {
  const checks = connection.collection<KeyCheck>(KEY_CHECKS_COLLECTION);
  const known = await checks.find({ _id: { $in: cipher.keyIds } }).toArray();
  for (const check of known) {
    let opened: string | undefined;
    try {
      opened = cipher.open(CHECK_FIELD, check._id, check.sealed);
    } catch {
      opened = undefined;
    }
    if (opened !== CHECK_TEXT) {
      throw new PersonalDataKeyError(
        `PERSONAL_DATA_KEYS: key "${check._id}" is not the key this database knows under that id (first seen ${check.createdAt.toISOString()}); ` +
          'give the secret it had, or a new key under a new id',
      );
    }
  }
  const residents = connection.collection('residents');
  const used = new Set<string>();
  for (const field of SEALED_FIELDS)
    for (const keyId of await residents.distinct(`${SEALED_PATHS[field]}.keyId`)) used.add(String(keyId));
  const missing = [...used].filter((keyId) => !cipher.keyIds.includes(keyId));
  if (missing.length) {
    throw new PersonalDataKeyError(
      `PERSONAL_DATA_KEYS lacks key(s) ${missing.map((id) => `"${id}"`).join(', ')} that residents' numbers are sealed with: ` +
        'keep an old key in the ring until reseal-personal-data has moved every value to the active key',
    );
  }
  // Webhook signing secrets are sealed with the same ring (webhooks/webhook-subscription.schema.ts).
  const webhookKeys = (await connection.collection('webhook_subscriptions').distinct('secrets.sealed.keyId')).map(
    String,
  );
  const missingForWebhooks = webhookKeys.filter((keyId) => !cipher.keyIds.includes(keyId));
  if (missingForWebhooks.length) {
    throw new PersonalDataKeyError(
      `PERSONAL_DATA_KEYS lacks key(s) ${missingForWebhooks.map((id) => `"${id}"`).join(', ')} that webhook signing secrets are sealed with: ` +
        'keep an old key in the ring until every subscription has rotated its secret (rotateWebhookSecret)',
    );
  }
  // Only a ring that fits is remembered: its new keys get their check values. Two replicas starting at once both
  // upsert; one inserts, and the next start verifies what it wrote.
  for (const keyId of cipher.keyIds.filter((id) => !known.some((check) => check._id === id))) {
    await checks
      .updateOne(
        { _id: keyId },
        { $setOnInsert: { sealed: cipher.seal(CHECK_FIELD, keyId, CHECK_TEXT, keyId), createdAt: clock.now() } },
        { upsert: true },
      )
      .catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
      });
  }
}
