import mongoose, { type Connection } from 'mongoose';
import {
  ConfigurationError,
  databaseNameOf,
  databaseNameSchema,
  loadConfig,
  serviceConfigSchema,
} from '../config/config';

/**
 * What a demo loader reads: the service's own database and organization's, on the same MongoDB. Only these
 * development fixtures read organization's database (to find the demo places and people); a running service learns
 * them from organization's events.
 */
export const demoLoaderConfigSchema = serviceConfigSchema.pick({ MONGODB_URI: true, MONGODB_DB: true }).extend({
  ORGANIZATION_MONGODB_DB: databaseNameSchema.default('gongzhi_organization'),
});

/** The databases a demo loader writes to and reads from. For organization itself both are the same. */
export interface DemoDatabases {
  own: Connection;
  organization: Connection;
}

/**
 * The command-line entry of every `services/<name>/dist/demo/load-demo-data.js`: reads MONGODB_URI, MONGODB_DB and
 * ORGANIZATION_MONGODB_DB, opens the databases, runs `load`, closes them, and exits 1 with a one-line message on bad
 * configuration (a stack trace for anything else).
 */
export function runDemoLoader(
  serviceName: string,
  load: (databases: DemoDatabases) => Promise<void>,
  /** Errors of this loader that are the operator's to fix (a missing key, say): a one-line message, no stack. */
  operatorErrors: readonly (abstract new (...args: never[]) => Error)[] = [],
): void {
  const run = async () => {
    const config = loadConfig(demoLoaderConfigSchema);
    const connection = await mongoose
      .createConnection(config.MONGODB_URI, { dbName: databaseNameOf(config, serviceName) })
      .asPromise();
    try {
      const organization =
        serviceName === 'organization' ? connection : connection.useDb(config.ORGANIZATION_MONGODB_DB);
      await load({ own: connection, organization });
    } finally {
      await connection.close();
    }
  };
  run().catch((error: unknown) => {
    const known = [ConfigurationError, ...operatorErrors].some((kind) => error instanceof kind);
    console.error(`demo data: ${known ? (error as Error).message : (error as Error).stack}`);
    process.exit(1);
  });
}
