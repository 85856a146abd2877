import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { answers200 } from '../cli/http-health';
import { type ManagedProcess, spawnManaged } from '../process/managed-process';
import { waitFor } from '../process/wait-for';
import { renderPrometheusConfig, type ScrapeTarget } from './prometheus-config';
import { resolvePrometheus } from './resolve-prometheus';

export interface PrometheusOptions {
  targets: ScrapeTarget[];
  /** Absolute paths of the rule files to load (the repo's infra/prometheus/alerts.yml). */
  ruleFiles: string[];
  /** Where the generated prometheus.yml and the TSDB go. */
  dataDir: string;
  port: number;
  logPath: string;
  scrapeIntervalSeconds?: number;
}

export interface RunningPrometheus {
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Debian's Prometheus scraping `targets` with our alert rules, ready when it answers /-/ready. */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const { binary } = resolvePrometheus();
  mkdirSync(path.join(options.dataDir, 'tsdb'), { recursive: true });
  const configFile = path.join(options.dataDir, 'prometheus.yml');
  writeFileSync(
    configFile,
    renderPrometheusConfig({
      targets: options.targets,
      ruleFiles: options.ruleFiles,
      scrapeIntervalSeconds: options.scrapeIntervalSeconds,
    }),
  );
  const child = spawnManaged(
    'prometheus',
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(options.dataDir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
    ],
    { logPath: options.logPath },
  );
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitFor(`prometheus to answer ${url}/-/ready`, () => answers200(`${url}/-/ready`), {
      timeoutMs: 60_000,
      process: child,
    });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, process: child, stop: () => child.stop() };
}
