import { spawn } from 'node:child_process';
import { resolvePromtool } from './resolve-prometheus';

export interface PromtoolResult {
  ok: boolean;
  /** stdout and stderr together: promtool reports problems on either. */
  output: string;
}

/** Runs `promtool <args>` with `input` on stdin; resolves with its verdict (never rejects on a failed check). */
export function promtool(args: string[], input?: string, options: { cwd?: string } = {}): Promise<PromtoolResult> {
  const { binary } = resolvePromtool();
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ ok: code === 0, output }));
    child.stdin.end(input ?? '');
  });
}

/**
 * `promtool check metrics`: the exposition parses and follows Prometheus' naming rules (counters end in _total, base
 * units, no reserved suffixes misused). Lint findings make it exit 1 and are in `output`.
 */
export function checkMetrics(exposition: string): Promise<PromtoolResult> {
  return promtool(['check', 'metrics'], exposition);
}
