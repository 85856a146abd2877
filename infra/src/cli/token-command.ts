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

/** `token <subject> [name]`: prints a development person token signed by the dev issuer (keys in .gongzhi/keys/). */
export async function tokenCommand(repoRoot: string, args: string[], output: TokenCommandOutput = process): Promise<number> {
  const [subject, name, ...extra] = args;
  if (!subject || !DEV_SUBJECT_PATTERN.test(subject) || extra.length > 0) {
    output.stderr.write('usage: npm run token -- <subject> [name]   (subject: 1-128 of A-Za-z0-9:._@|-, e.g. demo:zhang-wei)\n');
    return 2;
  }
  const { keysDir } = statePaths(repoRoot);
  const { privateJwk, jwksPath } = await ensureDevIssuerKeys(keysDir);
  const token = await signDevPersonToken(privateJwk, { subject, ...(name && { name }) }, LIFETIME);
  await new Promise<void>((resolve, reject) => output.stdout.write(`${token}\n`, (error) => (error ? reject(error) : resolve())));
  output.stderr.write(
    `development token for ${subject}, valid ${LIFETIME}; the gateway accepts it with ` +
      `AUTH_JWKS_PATH=${path.relative(repoRoot, jwksPath)} AUTH_ISSUER=${DEV_ISSUER}\n`,
  );
  return 0;
}
