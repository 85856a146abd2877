import 'reflect-metadata';
import type { Actor } from '@gongzhi/contracts';
import { OutboxPublisher, runWithRequestContext, systemClock } from '@gongzhi/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SERVICE_NAME } from '../app.module';
import { loadOrganizationConfig } from '../config';
import { OrgUnit, OrgUnitSchema } from '../org-units/org-unit.schema';
import { Resident, ResidentSchema } from '../territory/territory.schema';
import { GrantRoleInput } from './role-binding.inputs';
import { PERSON_ROLES, RoleBinding, RoleBindingSchema } from './role-binding.schema';
import { RoleBindingsService } from './role-bindings.service';

const USAGE = `usage: node services/organization/dist/access/grant-role.js --subject <sub> --name <name> --role <role> --unit <org unit id or exact name> [--resident <resident id>]

Grants a person a role over an org unit, with its access.role.granted event: how street staff get their role (in the
API nobody grants a role their own does not outrank). The role must fit the tier of the unit, as in the API. Reads MONGODB_URI, MONGODB_DB and EVENTS_NAMESPACE as the service does; the
event goes out when the organization service runs.

roles: ${PERSON_ROLES.join(', ')}
example: --subject 'oidc|8a1f…' --name 顾建国 --role STREET_STAFF --unit 斜塘街道大工委`;

/** Who the grant is recorded as: a trusted service, as ops tooling is. */
const OPS_ACTOR: Actor = { kind: 'service', id: 'ops:grant-role', roles: [], scopes: [] };

/** Bad input: said in one line (plus the usage), never with a stack trace. */
class CommandError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** Runs the command; returns the exit code (0 granted, 1 refused or failed, 2 bad usage). */
export async function grantRole(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: Output = console,
): Promise<number> {
  let connection: Connection | undefined;
  try {
    const input = await parseInput(argv);
    const config = loadOrganizationConfig(env);
    connection = await mongoose
      .createConnection(config.MONGODB_URI, { dbName: config.MONGODB_DB ?? `gongzhi_${SERVICE_NAME}` })
      .asPromise();
    const units = connection.model(OrgUnit.name, OrgUnitSchema);
    const unit = await findUnit(units, input.unit);
    const service = new RoleBindingsService(
      connection.model(RoleBinding.name, RoleBindingSchema),
      units,
      connection.model(Resident.name, ResidentSchema),
      connection,
      new OutboxPublisher(connection, { serviceName: SERVICE_NAME, namespace: config.EVENTS_NAMESPACE }),
      systemClock,
    );
    await service.onModuleInit();
    const binding = await runWithRequestContext({ requestId: randomUUID(), actor: OPS_ACTOR }, () =>
      service.grant({ ...input, orgUnitId: unit.id }),
    );
    out.log(
      `granted ${binding.role} of ${unit.name} to ${binding.name} (${binding.subject}): role binding ${binding.id}`,
    );
    return 0;
  } catch (error) {
    const usage = error instanceof CommandError && error.showUsage;
    out.error(`grant-role: ${(error as Error).message}${usage ? `\n\n${USAGE}` : ''}`);
    return usage ? 2 : 1;
  } finally {
    await connection?.close();
  }
}

async function parseInput(argv: string[]): Promise<Omit<GrantRoleInput, 'orgUnitId'> & { unit: string }> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        subject: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        resident: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new CommandError((error as Error).message, true);
  }
  const missing = ['subject', 'name', 'role', 'unit'].filter((option) => !values[option]);
  if (missing.length) throw new CommandError(`missing ${missing.map((option) => `--${option}`).join(', ')}`, true);
  const input = plainToInstance(GrantRoleInput, {
    subject: values.subject,
    name: values.name,
    role: values.role,
    residentId: values.resident,
  });
  // The same rules as the GraphQL input; the unit is looked up by id or name afterwards.
  const problems = (await validate(input))
    .filter((error) => error.property !== 'orgUnitId')
    .flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length) throw new CommandError(problems.join('; '), true);
  return {
    subject: input.subject,
    name: input.name,
    role: input.role,
    residentId: input.residentId,
    unit: values.unit!,
  };
}

/** By id, or by exact name when that names one unit only (every compound has its 3幢楼道党小组). */
async function findUnit(units: mongoose.Model<OrgUnit>, idOrName: string) {
  if (/^[0-9a-f]{24}$/i.test(idOrName)) {
    const unit = await units.findById(idOrName).exec();
    if (!unit) throw new CommandError(`there is no org unit with id ${idOrName}`);
    return unit;
  }
  const named = await units.find({ name: idOrName }).limit(6).exec();
  if (named.length === 0) throw new CommandError(`there is no org unit called ${idOrName}`);
  if (named.length > 1) {
    const ids = named
      .slice(0, 5)
      .map((unit) => unit.id)
      .join(', ');
    throw new CommandError(
      `${named.length > 5 ? 'more than 5' : named.length} org units are called ${idOrName}; pass one id instead: ${ids}`,
    );
  }
  return named[0];
}

if (require.main === module) {
  void grantRole(process.argv.slice(2)).then((code) => process.exit(code));
}
