import { findOrAptInstall } from '../process/find-or-install';

/** haproxy from PATH (plus the sbin folders), else installed with apt when root on Debian, else a clear error. */
export function resolveHaproxy(env: NodeJS.ProcessEnv = process.env): string {
  const resolution = findOrAptInstall('haproxy', 'haproxy', env);
  if (resolution) return resolution.binary;
  throw new Error(
    'haproxy not found on PATH, /usr/sbin or /usr/local/sbin, and it can only be installed automatically as root on Debian. ' +
      'Install haproxy ≥ 2.4 (apt-get install haproxy) for `npm start -- --cluster`.',
  );
}
