import 'reflect-metadata';
import { ConfigurationError } from '@gongzhi/platform';
import mongoose, { type Connection, Types } from 'mongoose';
import { parseArgs } from 'node:util';
import { loadOrganizationConfig } from '../config';
import { verifyKeyRing } from './key-check';
import { PersonalDataCipher, PersonalDataKeyError } from './personal-data-cipher';
import { loadPersonalDataKeyRing } from './personal-data-keys';
import { SEALED_FIELDS, SEALED_PATHS, type SealedContact } from './resident-contact';

const USAGE = `usage: node services/organization/dist/personal-data/reseal-personal-data.js [--batch <n>]

Seals every resident's phone and 居民身份证 number with the active key of PERSONAL_DATA_KEYS: numbers still in clear
(data from before encryption at rest) and numbers sealed with an older key. Safe to run while the service runs and to
run again: each pass takes only what is left, so an interrupted run resumes where it stopped. Once it reports nothing
left, the older keys can leave the ring. Reads MONGODB_URI, MONGODB_DB and PERSONAL_DATA_KEYS(_PATH) as the service does.`;

type RawResident = { _id: Types.ObjectId } & SealedContact & Partial<Record<(typeof SEALED_FIELDS)[number], unknown>>;

export interface ResealReport {
  /** Records changed in this run. */
  resealed: number;
  /** Records that still need it (changed by someone else during the run): run again. */
  remaining: number;
}

/** What still needs sealing with the active key: a number in clear, or one sealed with another key. */
export function needsResealing(activeKeyId: string): Record<string, unknown> {
  return {
    $or: SEALED_FIELDS.flatMap((field) => [
      { [field]: { $exists: true, $ne: null } },
      { [`${SEALED_PATHS[field]}.keyId`]: { $exists: true, $ne: activeKeyId } },
    ]),
  };
}

/**
 * Moves every resident's numbers to the active key in batches, in _id order. Each record is rewritten only if it is
 * still as read (a concurrent change wins, and is left for the next run), and the clear field goes in the same write.
 */
export async function resealResidents(
  connection: Connection,
  cipher: PersonalDataCipher,
  { batchSize = 500 } = {},
): Promise<ResealReport> {
  await verifyKeyRing(connection, cipher);
  const residents = connection.collection<RawResident>('residents');
  const todo = needsResealing(cipher.activeKeyId);
  const projection = Object.fromEntries(
    SEALED_FIELDS.flatMap((field) => [
      [field, 1],
      [SEALED_PATHS[field], 1],
    ]),
  );
  let resealed = 0;
  let after: Types.ObjectId | null = null;
  for (;;) {
    const filter: Record<string, unknown> = after ? { $and: [todo, { _id: { $gt: after } }] } : todo;
    const batch = await residents.find(filter, { projection, sort: { _id: 1 }, limit: batchSize }).toArray();
    if (batch.length === 0) break;
    for (const resident of batch) {
      const asRead: Record<string, unknown> = { _id: resident._id };
      const set: Record<string, unknown> = {};
      const unset: Record<string, ''> = {};
      for (const field of SEALED_FIELDS) {
        const path = SEALED_PATHS[field];
        const clear = resident[field];
        const sealed = resident[path];
        asRead[field] = clear ?? null;
        asRead[`${path}.data`] = sealed?.data ?? null;
        if (clear !== undefined) unset[field] = '';
        let value: string | null = null;
        if (typeof clear === 'string' && clear.trim()) value = clear.trim();
        else if (sealed && sealed.keyId !== cipher.activeKeyId) value = cipher.open(field, resident._id, sealed);
        if (value !== null) set[path] = cipher.seal(field, resident._id, value);
      }
      const result = await residents.updateOne(asRead, {
        ...(Object.keys(set).length && { $set: set }),
        ...(Object.keys(unset).length && { $unset: unset }),
      });
      resealed += result.modifiedCount;
    }
    after = batch.at(-1)!._id;
  }
  return { resealed, remaining: await residents.countDocuments(todo) };
}

async function main(argv: string[]): Promise<number> {
  let batchSize = 500;
  try {
    const { values } = parseArgs({ args: argv, options: { batch: { type: 'string' }, help: { type: 'boolean' } } });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.batch !== undefined) {
      batchSize = Number(values.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
        throw new Error('--batch must be a whole number from 1 to 10000');
    }
  } catch (error) {
    console.error(`reseal-personal-data: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let connection: Connection | undefined;
  try {
    const config = loadOrganizationConfig();
    const cipher = new PersonalDataCipher(loadPersonalDataKeyRing(config));
    connection = await mongoose
      .createConnection(config.MONGODB_URI, { dbName: config.MONGODB_DB ?? 'gongzhi_organization' })
      .asPromise();
    const { resealed, remaining } = await resealResidents(connection, cipher, { batchSize });
    console.log(
      `reseal-personal-data: ${resealed} resident record(s) sealed with key "${cipher.activeKeyId}"; ${remaining} left${remaining ? ' (changed meanwhile: run again)' : ''}`,
    );
    return remaining ? 1 : 0;
  } catch (error) {
    const known = error instanceof ConfigurationError || error instanceof PersonalDataKeyError;
    console.error(`reseal-personal-data: ${known ? error.message : (error as Error).stack}`);
    return 1;
  } finally {
    await connection?.close();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
