import { findOrAptInstall } from '../process/find-or-install';

export type ToolResolution = { binary: string; route: 'path' | 'apt' };

const INSTALL_HINT =
  'not found on PATH, /usr/sbin or /usr/local/sbin, and it can only be installed automatically as root on Debian ' +
  '(apt-get install prometheus). Install Prometheus ≥ 2.40 (https://prometheus.io/download/), which ships both prometheus and promtool.';

/** promtool (checks expositions and rules, runs rule unit tests): from PATH, else Debian's `prometheus` package. */
export function resolvePromtool(env: NodeJS.ProcessEnv = process.env): ToolResolution {
  const resolution = findOrAptInstall('promtool', 'prometheus', env);
  if (!resolution) throw new Error(`promtool ${INSTALL_HINT}`);
  return resolution;
}

/** The Prometheus server for `npm start -- --with-prometheus`: from PATH, else Debian's `prometheus` package. */
export function resolvePrometheus(env: NodeJS.ProcessEnv = process.env): ToolResolution {
  const resolution = findOrAptInstall('prometheus', 'prometheus', env);
  if (!resolution) throw new Error(`prometheus ${INSTALL_HINT}`);
  return resolution;
}
