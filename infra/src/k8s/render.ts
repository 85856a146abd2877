import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findExecutable } from '../process/find-executable';

/** A Kubernetes object as kustomize renders it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export const KUSTOMIZE_MISSING =
  'rendering infra/k8s needs kustomize: install kubectl ≥ 1.27 (its `kubectl kustomize` embeds kustomize 5) or the ' +
  'standalone kustomize ≥ 5 (https://kubectl.docs.kubernetes.io/installation/kustomize/), put it on PATH or name it ' +
  "in KUBECTL or KUSTOMIZE. Debian 12's kubernetes-client package (kubectl 1.20) is too old for these kustomizations.";

/** `kubectl kustomize <dir>` or `kustomize build <dir>`, whichever is found first (KUBECTL, KUSTOMIZE, then PATH). */
export function kustomizeCommand(env: NodeJS.ProcessEnv = process.env): {
  executable: string;
  args: (dir: string) => string[];
} {
  const kubectl = env.KUBECTL ?? findExecutable('kubectl', [], env.PATH);
  if (kubectl) return { executable: kubectl, args: (dir) => ['kustomize', dir] };
  const kustomize = env.KUSTOMIZE ?? findExecutable('kustomize', [], env.PATH);
  if (kustomize) return { executable: kustomize, args: (dir) => ['build', dir] };
  throw new Error(KUSTOMIZE_MISSING);
}

/** Renders one kustomization directory into its objects; a kustomize error is thrown with kustomize's own words. */
export function renderKustomization(dir: string): KubeObject[] {
  const { executable, args } = kustomizeCommand();
  const run = spawnSync(executable, args(dir), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`${executable} could not run: ${run.error.message}. ${KUSTOMIZE_MISSING}`);
  if (run.status !== 0) throw new Error(`${executable} ${args(dir).join(' ')} failed:\n${run.stderr.trim()}`);
  return parseObjects(run.stdout);
}

/** Every YAML document of a stream as an object; a YAML syntax error is thrown naming the document. */
export function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc, index) => {
      if (doc.errors.length > 0) throw new Error(`YAML document ${index + 1}: ${doc.errors[0].message}`);
      return doc.toJS() as KubeObject | null;
    })
    .filter((object): object is KubeObject => object !== null);
}

/** The overlays under infra/k8s/overlays, each a directory holding a kustomization.yaml. */
export function listOverlays(k8sDir: string): string[] {
  const overlaysDir = path.join(k8sDir, 'overlays');
  return readdirSync(overlaysDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(overlaysDir, entry.name, 'kustomization.yaml')))
    .map((entry) => entry.name)
    .sort();
}
