import type { KubeObject } from './render';

/**
 * Gongzhi's rules for its rendered manifests, beyond what the API schemas say (infra/k8s/README.md, "What the test
 * checks"). Each function returns the problems it found, one line each, naming the object.
 */

type Labels = Record<string, string>;

interface Container {
  name: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string } };
  }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
    seccompProfile?: { type?: string };
  };
  lifecycle?: { preStop?: { exec?: { command?: string[] }; sleep?: { seconds: number } } };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

interface Probe {
  httpGet?: { path?: string; port?: string | number };
}

interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
  terminationGracePeriodSeconds?: number;
  volumes?: Array<{ name: string; emptyDir?: unknown; secret?: { secretName: string } }>;
}

interface Deployment extends KubeObject {
  spec: {
    selector: { matchLabels?: Labels };
    template: { metadata?: { labels?: Labels; annotations?: Record<string, string> }; spec: PodSpec };
  };
}

const ofKind = <T extends KubeObject>(objects: KubeObject[], kind: string) =>
  objects.filter((o) => o.kind === kind) as T[];

/** True when every pair of `selector` is among `labels` (an empty selector matches everything). */
export function selects(selector: Labels | undefined, labels: Labels | undefined): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** preStop delay in seconds: `sleep: {seconds}` or an exec of `sleep N`. */
function preStopSeconds(container: Container): number | undefined {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command ?? [];
  const at = command.findIndex((part) => /(^|\/)sleep$/.test(part));
  return at >= 0 ? Number(command[at + 1]) : undefined;
}

function checkContainer(where: string, container: Container, pod: PodSpec): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${where} container ${container.name}: ${what}`);
  const probePath = (probe: Probe | undefined) => probe?.httpGet?.path;
  if (probePath(container.readinessProbe) !== '/health/ready') say('readinessProbe must GET /health/ready');
  if (probePath(container.livenessProbe) !== '/health/live') say('livenessProbe must GET /health/live');
  if (!container.startupProbe?.httpGet) say('startupProbe (httpGet) missing');
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[kind]?.[resource]) say(`resources.${kind}.${resource} missing`);
    }
  }
  const security = container.securityContext ?? {};
  const runAsNonRoot = security.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
  const runAsUser = security.runAsUser ?? pod.securityContext?.runAsUser;
  if (runAsNonRoot !== true) say('runAsNonRoot must be true');
  if (runAsUser === 0) say('runAsUser must not be 0');
  if (security.readOnlyRootFilesystem !== true) say('readOnlyRootFilesystem must be true');
  if (security.allowPrivilegeEscalation !== false) say('allowPrivilegeEscalation must be false');
  if (!security.capabilities?.drop?.includes('ALL')) say('capabilities must drop ALL');
  if ((security.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type) !== 'RuntimeDefault')
    say('seccompProfile must be RuntimeDefault');
  const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
  if (!tmp || !pod.volumes?.find((volume) => volume.name === tmp.name)?.emptyDir)
    say('/tmp must be an emptyDir (the root filesystem is read-only)');
  const delay = preStopSeconds(container);
  if (!delay || delay <= 0) say('preStop must sleep, so the pod leaves the Service before SIGTERM');
  else if ((pod.terminationGracePeriodSeconds ?? 30) < delay + 15) {
    say(
      `terminationGracePeriodSeconds (${pod.terminationGracePeriodSeconds ?? 30}) must leave at least 15 s after the ${delay} s preStop`,
    );
  }
  if (!container.ports?.some((port) => port.name === 'http')) say('no port named http');
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined && /PASSWORD|SECRET|TOKEN_KEY$|_JWKS$|MONGODB_URI/.test(variable.name)) {
      say(`${variable.name} is a secret: take it from a Secret, not a literal value`);
    }
  }
  return problems;
}

/** Deployments: probes, resources, hardening, preStop, scrape annotations; and a Service, an HPA and a PDB each. */
export function checkDeployments(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const deployments = ofKind<Deployment>(objects, 'Deployment');
  if (deployments.length === 0) problems.push('no Deployment rendered');
  const configMaps = new Set(ofKind(objects, 'ConfigMap').map((o) => o.metadata.name));
  const configMapData = new Map(
    ofKind(objects, 'ConfigMap').map((o) => [o.metadata.name, (o.data ?? {}) as Record<string, string>]),
  );
  for (const deployment of deployments) {
    const where = `Deployment/${deployment.metadata.name}`;
    const pod = deployment.spec.template.spec;
    const podLabels = deployment.spec.template.metadata?.labels;
    for (const container of pod.containers) problems.push(...checkContainer(where, container, pod));
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
      problems.push(`${where}: pod seccompProfile must be RuntimeDefault`);

    const annotations = deployment.spec.template.metadata?.annotations ?? {};
    const httpPort = pod.containers[0]?.ports?.find((port) => port.name === 'http')?.containerPort;
    // /metrics on a port of its own (METRICS_PORT), which no Service exposes (below: every Service port targets
    // `http`), so no Ingress rule can route to it.
    const metricsPort = pod.containers[0]?.ports?.find((port) => port.name === 'metrics')?.containerPort;
    if (annotations['prometheus.io/scrape'] !== 'true')
      problems.push(`${where}: pod template needs prometheus.io/scrape: "true"`);
    if (annotations['prometheus.io/path'] !== '/metrics')
      problems.push(`${where}: pod template needs prometheus.io/path: /metrics`);
    if (metricsPort === undefined || metricsPort === httpPort)
      problems.push(`${where}: needs a container port named metrics, apart from http, for METRICS_PORT`);
    else if (Number(annotations['prometheus.io/port']) !== metricsPort)
      problems.push(`${where}: prometheus.io/port must name the metrics port (${metricsPort})`);

    for (const container of pod.containers) {
      for (const source of container.envFrom ?? []) {
        const name = source.configMapRef?.name;
        if (name && !configMaps.has(name))
          problems.push(`${where}: envFrom names ConfigMap ${name}, which is not rendered`);
      }
    }
    const metricsPortSet = pod.containers[0]?.envFrom
      ?.map((source) => configMapData.get(source.configMapRef?.name ?? '')?.METRICS_PORT)
      .find((value) => value !== undefined);
    if (metricsPort !== undefined && Number(metricsPortSet) !== metricsPort)
      problems.push(`${where}: its ConfigMap must set METRICS_PORT=${metricsPort}, the metrics port`);

    const matchingService = ofKind<
      KubeObject & { spec: { selector?: Labels; ports?: Array<{ targetPort?: string | number }> } }
    >(objects, 'Service').find(
      (service) =>
        service.spec.selector &&
        Object.keys(service.spec.selector).length > 0 &&
        selects(service.spec.selector, podLabels),
    );
    if (!matchingService) problems.push(`${where}: no Service selects its pods`);
    else if (!matchingService.spec.ports?.every((port) => port.targetPort === 'http' || port.targetPort === httpPort)) {
      problems.push(`Service/${matchingService.metadata.name}: targetPort must be the container's http port`);
    }

    const hpa = ofKind<
      KubeObject & {
        apiVersion: string;
        spec: { scaleTargetRef: { kind: string; name: string }; minReplicas?: number; maxReplicas: number };
      }
    >(objects, 'HorizontalPodAutoscaler').find(
      (o) => o.spec.scaleTargetRef.kind === 'Deployment' && o.spec.scaleTargetRef.name === deployment.metadata.name,
    );
    if (!hpa) problems.push(`${where}: no HorizontalPodAutoscaler scales it`);
    else if (hpa.apiVersion !== 'autoscaling/v2')
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: must be autoscaling/v2`);
    else if ((hpa.spec.minReplicas ?? 1) > hpa.spec.maxReplicas)
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: minReplicas above maxReplicas`);

    const pdb = ofKind<KubeObject & { apiVersion: string; spec: { selector?: { matchLabels?: Labels } } }>(
      objects,
      'PodDisruptionBudget',
    ).find((o) => o.spec.selector?.matchLabels && selects(o.spec.selector.matchLabels, podLabels));
    if (!pdb) problems.push(`${where}: no PodDisruptionBudget covers its pods`);
    else if (pdb.apiVersion !== 'policy/v1')
      problems.push(`PodDisruptionBudget/${pdb.metadata.name}: must be policy/v1`);
  }
  return problems;
}

/** Secrets are referenced, never committed: no Secret object at all, and no credentials in a ConfigMap. */
export function checkNoSecretsInGit(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    if (object.kind === 'Secret')
      problems.push(`Secret/${object.metadata.name}: secrets are created in the cluster, not committed`);
    if (object.kind === 'ConfigMap') {
      for (const [key, value] of Object.entries((object.data as Record<string, string> | undefined) ?? {})) {
        if (/PASSWORD|SECRET|^INTERNAL_TOKEN_KEY$|^INTERNAL_TOKEN_JWKS$|^MONGODB_URI$/.test(key)) {
          problems.push(`ConfigMap/${object.metadata.name}: ${key} belongs in a Secret`);
        } else if (/:\/\/[^/\s:@]+:[^/\s@]+@/.test(value)) {
          problems.push(`ConfigMap/${object.metadata.name}: ${key} carries credentials in its URL`);
        }
      }
    }
  }
  return problems;
}

interface NetworkPolicy extends KubeObject {
  spec: {
    podSelector: { matchLabels?: Labels };
    policyTypes?: string[];
    ingress?: Array<{ from?: Array<{ podSelector?: { matchLabels?: Labels }; namespaceSelector?: unknown }> }>;
  };
}

/** Default-deny ingress; subgraphs reachable from the gateway's pods only; the gateway from the ingress controller. */
export function checkNetworkPolicies(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const policies = ofKind<NetworkPolicy>(objects, 'NetworkPolicy');
  const denyAll = policies.find(
    (p) =>
      Object.keys(p.spec.podSelector.matchLabels ?? {}).length === 0 &&
      p.spec.policyTypes?.includes('Ingress') &&
      !p.spec.ingress?.length,
  );
  if (!denyAll)
    problems.push('no default-deny ingress NetworkPolicy (podSelector {}, policyTypes [Ingress], no rules)');

  const deployments = ofKind<Deployment>(objects, 'Deployment');
  const gatewayLabels = deployments.find((d) => d.metadata.name === 'gateway')?.spec.template.metadata?.labels;
  for (const deployment of deployments) {
    const labels = deployment.spec.template.metadata?.labels;
    const applying = policies.filter((p) => p !== denyAll && selects(p.spec.podSelector.matchLabels, labels));
    const sources = applying.flatMap((p) => (p.spec.ingress ?? []).flatMap((rule) => rule.from ?? [{}]));
    const where = `Deployment/${deployment.metadata.name}`;
    // The gateway and the console are the public entrances: the ingress controller reaches them.
    if (deployment.metadata.name === 'gateway' || deployment.metadata.name === 'console') {
      if (!sources.some((source) => source.namespaceSelector))
        problems.push(`${where}: no NetworkPolicy lets the ingress controller in`);
      continue;
    }
    const gatewayAllowed = sources.some(
      (source) =>
        source.podSelector &&
        Object.keys(source.podSelector.matchLabels ?? {}).length > 0 &&
        selects(source.podSelector.matchLabels, gatewayLabels),
    );
    if (!gatewayAllowed) {
      problems.push(`${where}: no NetworkPolicy lets the gateway in`);
    }
    // Apart from the gateway, only a named monitoring namespace's pods (Prometheus) may come in.
    for (const source of sources) {
      // An empty podSelector is every pod of the namespace, not the gateway.
      const fromGateway =
        source.podSelector &&
        !source.namespaceSelector &&
        Object.keys(source.podSelector.matchLabels ?? {}).length > 0 &&
        selects(source.podSelector.matchLabels, gatewayLabels);
      const fromPrometheus =
        source.namespaceSelector && source.podSelector && Object.keys(source.podSelector.matchLabels ?? {}).length > 0;
      if (!fromGateway && !fromPrometheus)
        problems.push(
          `${where}: a NetworkPolicy lets in more than the gateway and Prometheus (${JSON.stringify(source)})`,
        );
    }
  }
  return problems;
}

/** Share of the container's memory limit given to V8's old space (the rest: buffers, sockets, code, new space). */
export const OLD_SPACE_SHARE = 0.6;

/** A Kubernetes memory quantity (128Mi, 1Gi, 512M, bytes) in MiB. */
function mebibytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(quantity);
  if (!match) return Number.NaN;
  const factor = { Ki: 1 / 1024, Mi: 1, Gi: 1024, k: 1000 / 1024 ** 2, M: 1e6 / 1024 ** 2, G: 1e9 / 1024 ** 2 };
  return Number(match[1]) * (match[2] ? factor[match[2] as keyof typeof factor] : 1 / 1024 ** 2);
}

/**
 * The gateway's V8 old space follows its container's memory limit: NODE_OPTIONS sets --max-old-space-size to 60 %
 * of limits.memory (±5 points), so a heap that grows under load is collected before the container is killed.
 */
export function checkOldSpace(deployment: KubeObject): string[] {
  const where = `Deployment/${deployment.metadata.name}`;
  const container = (deployment as Deployment).spec.template.spec.containers[0];
  const limit = mebibytes(container.resources?.limits?.memory ?? '');
  if (!Number.isFinite(limit)) return [`${where}: no memory limit to size the old space against`];
  const wanted = Math.round(limit * OLD_SPACE_SHARE);
  const options = container.env?.find((variable) => variable.name === 'NODE_OPTIONS')?.value ?? '';
  const set = /--max-old-space-size=(\d+)/.exec(options)?.[1];
  if (!set)
    return [
      `${where}: NODE_OPTIONS sets no --max-old-space-size; set it to ${wanted} (60 % of the ${limit} MiB limit)`,
    ];
  const share = Number(set) / limit;
  if (Math.abs(share - OLD_SPACE_SHARE) > 0.05)
    return [
      `${where}: --max-old-space-size=${set} is ${Math.round(share * 100)} % of the ${limit} MiB limit; set it to ${wanted} (60 %)`,
    ];
  return [];
}
