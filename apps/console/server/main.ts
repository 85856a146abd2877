import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConsoleConfig } from './config';
import { type DevSignIn, serveConsole } from './console-server';

/** The development sign-in from the development issuer's keys (loaded only then: production ships without infra). */
async function devSignIn(keysDir: string): Promise<DevSignIn> {
  const { demoUsers, ensureDevIssuerKeys, findRepoRoot, signDevPersonToken } = await import('@gongzhi/infra');
  const { privateJwk } = await ensureDevIssuerKeys(keysDir);
  const users = demoUsers(findRepoRoot(__dirname)).map(({ subject, name, role, unit }) => ({
    subject,
    name,
    role,
    unit: unit.parent ? `${unit.parent} ${unit.name}` : unit.name,
  }));
  return { users, sign: (user) => signDevPersonToken(privateJwk, { subject: user.subject, name: user.name }) };
}

async function main(): Promise<void> {
  const config = loadConsoleConfig(process.env, __dirname);
  if (!existsSync(path.join(config.assetsDir, 'index.html')))
    throw new Error(`console: ${config.assetsDir}/index.html is missing: run \`npm run build\``);
  const running = await serveConsole({
    port: config.port,
    ...(config.metricsPort !== undefined && { metricsPort: config.metricsPort }),
    assetsDir: config.assetsDir,
    gatewayUrl: config.gatewayUrl,
    ...(config.oidc && { oidc: config.oidc }),
    ...(config.devSignInKeysDir && { devSignIn: await devSignIn(config.devSignInKeysDir) }),
  });
  console.log(
    `console on http://localhost:${running.port}/` +
      (running.metricsPort === undefined ? '' : `, its metrics on :${running.metricsPort}/metrics`),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void running.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
