import path from 'node:path';
import { DEV_ISSUER, ensureDevIssuerKeys, signDevPersonToken } from '../dev-issuer/dev-issuer';
import { statePaths } from './state-paths';

/** What identity providers use as subjects (`demo:zhang-wei`, `auth0|5f…`, an e-mail address). */
export const DEV_SUBJECT_PATTERN = /^[A-Za-z0-9:._@|-]{1,128}$/;
const LIFETIME = '8h';

export interface TokenCommandOutput {
  /** Receives the token alone, so `TOKEN=$(npm run -s token -- demo:zhang-wei)` works. */
  stdout: NodeJS.WritableStream;
  /** Receives hints and usage. */
  stderr: NodeJS.WritableStream;
}

/** A demo user as organization's demo data describes them (services/organization/src/demo/demo-users.ts). */
export interface DemoUser {
  subject: string;
  name: string;
  role: string;
  description: string;
  unit: { name: string; parent?: string };
}

/**
 * The demo users organization's demo data grants roles to, read from its build when there is one: by path, not as
 * a package dependency, the way `start` finds the demo loader. Without a build there is just no list.
 */
export function demoUsers(repoRoot: string): DemoUser[] {
  try {
    const builtDemoUsers = path.join(repoRoot, 'services', 'organization', 'dist', 'demo', 'demo-users.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a built file found at run time, not a module import
    const built = require(builtDemoUsers) as { DEMO_USERS: DemoUser[] };
    return built.DEMO_USERS;
  } catch {
    return [];
  }
}

function describeDemoUsers(users: DemoUser[]): string {
  if (users.length === 0) return '';
  return `demo users (npm start grants them roles):\n${users.map((user) => `  ${user.subject.padEnd(26)} ${user.name}  ${user.description}`).join('\n')}\n`;
}

/** `token <subject> [name]`: prints a development person token signed by the dev issuer (keys in .gongzhi/keys/). */
export async function tokenCommand(
  repoRoot: string,
  args: string[],
  output: TokenCommandOutput = process,
): Promise<number> {
  const [subject, name, ...extra] = args;
  if (!subject || !DEV_SUBJECT_PATTERN.test(subject) || extra.length > 0) {
    output.stderr.write(
      'usage: npm run token -- <subject> [name]   (subject: 1-128 of A-Za-z0-9:._@|-, e.g. demo:zhang-wei)\n',
    );
    output.stderr.write(describeDemoUsers(demoUsers(repoRoot)));
    return 2;
  }
  const demo = demoUsers(repoRoot);
  const known = demo.find((user) => user.subject === subject);
  const { keysDir } = statePaths(repoRoot);
  const { privateJwk, jwksPath } = await ensureDevIssuerKeys(keysDir);
  const displayName = name ?? known?.name;
  const token = await signDevPersonToken(privateJwk, { subject, ...(displayName && { name: displayName }) }, LIFETIME);
  await new Promise<void>((resolve, reject) =>
    output.stdout.write(`${token}\n`, (error) => (error ? reject(error) : resolve())),
  );
  output.stderr.write(
    `development token for ${subject}, valid ${LIFETIME}; the gateway accepts it with ` +
      `AUTH_JWKS_PATH=${path.relative(repoRoot, jwksPath)} AUTH_ISSUER=${DEV_ISSUER}\n`,
  );
  if (demo.length > 0 && !known)
    output.stderr.write(`${subject} is no demo user: it signs in with no roles until one is granted\n`);
  return 0;
}
