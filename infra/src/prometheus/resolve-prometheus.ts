import { resolveDebianTool, type ToolResolution } from '../process/resolve-debian-tool';

const INSTALL_HINT = 'Install Prometheus ≥ 2.40 (https://prometheus.io/download/), which ships both prometheus and promtool.';

/** promtool (checks expositions and rules, runs rule unit tests): from PATH, else Debian's `prometheus` package. */
export function resolvePromtool(env: NodeJS.ProcessEnv = process.env): ToolResolution {
  return resolveDebianTool({ binary: 'promtool', aptPackage: 'prometheus', installHint: INSTALL_HINT }, env);
}

/** The Prometheus server for `npm start -- --with-prometheus`: from PATH, else Debian's `prometheus` package. */
export function resolvePrometheus(env: NodeJS.ProcessEnv = process.env): ToolResolution {
  return resolveDebianTool({ binary: 'prometheus', aptPackage: 'prometheus', installHint: INSTALL_HINT }, env);
}
