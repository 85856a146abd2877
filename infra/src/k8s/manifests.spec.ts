import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  loadConfig as loadGatewayConfig,
  SUBGRAPH_DEFAULT_URLS,
  subgraphUrlVariable,
} from '../../../gateway/src/config';
import { loadConsoleConfig } from '../../../apps/console/server/config';
import { loadDeliberationConfig } from '../../../services/deliberation/src/config';
import { loadFacilitiesConfig } from '../../../services/facilities/src/config';
import { loadOrganizationConfig } from '../../../services/organization/src/config';
import { loadServicesConfig } from '../../../services/services/src/config';
import { findRepoRoot } from '../process/repo-root';
import { checkDeployments, checkNetworkPolicies, checkNoSecretsInGit, checkOldSpace, selects } from './policy-check';
import { KUSTOMIZE_MISSING, type KubeObject, kustomizeCommand, listOverlays, renderKustomization } from './render';
import { findUnknownFields, validateAgainstSchemas } from './schema-check';

const repoRoot = findRepoRoot(__dirname);
const k8sDir = path.join(repoRoot, 'infra', 'k8s');
const overlays = listOverlays(k8sDir);
const clone = <T>(value: T): T => structuredClone(value);

type Deployment = KubeObject & {
  spec: { template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: any } };
};
const ofKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: KubeObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

/** Rendered once for the file: kustomize and the type-check take a few seconds each. */
const rendered = new Map<string, KubeObject[]>();
let unknownFields: string[] = [];

beforeAll(() => {
  for (const overlay of overlays) rendered.set(overlay, renderKustomization(path.join(k8sDir, 'overlays', overlay)));
  unknownFields = findUnknownFields([...rendered.values()].flat(), repoRoot);
}, 120_000);

it('has a production and a staging overlay', () => {
  expect(overlays).toEqual(expect.arrayContaining(['production', 'staging']));
});

describe.each(overlays)('overlay %s, rendered with kustomize', (overlay) => {
  const objects = () => rendered.get(overlay) as KubeObject[];

  it('renders a Deployment, Service, HPA, PDB and ConfigMap for the gateway, each subgraph and the console', () => {
    for (const name of ['gateway', 'organization', 'services', 'facilities', 'deliberation', 'console']) {
      for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
        expect(named(objects(), kind, name)).toBeDefined();
      }
      expect(ofKind(objects(), 'ConfigMap').some((o) => o.metadata.name.startsWith(`${name}-config-`))).toBe(true);
    }
  });

  it('validates against the Kubernetes API schemas', () => {
    expect(validateAgainstSchemas(objects())).toEqual([]);
  });

  it('has no field the API does not know', () => {
    expect(unknownFields).toEqual([]);
  });

  it('follows the deployment policy: probes, limits, non-root, read-only root, preStop, HPA, PDB, Service', () => {
    expect(checkDeployments(objects())).toEqual([]);
  });

  it('commits no secret and references only documented ones', () => {
    expect(checkNoSecretsInGit(objects())).toEqual([]);
    const readme = readFileSync(path.join(k8sDir, 'README.md'), 'utf8');
    for (const reference of secretReferences(objects())) {
      expect({ reference, documented: readme.includes(reference.name) && readme.includes(reference.key) }).toEqual({
        reference,
        documented: true,
      });
    }
  });

  it('lets only the gateway reach the subgraphs, behind a default deny', () => {
    expect(checkNetworkPolicies(objects())).toEqual([]);
  });

  it('puts every namespaced object in the overlay namespace', () => {
    const namespace = ofKind(objects(), 'Namespace')[0]?.metadata.name;
    expect(namespace).toBeDefined();
    for (const object of objects().filter((o) => o.kind !== 'Namespace'))
      expect(`${object.kind}/${object.metadata.name} in ${object.metadata.namespace}`).toBe(
        `${object.kind}/${object.metadata.name} in ${namespace}`,
      );
  });

  it('sizes the gateway’s old space at 60 % of its memory limit, the rest for what lives outside the heap', () => {
    expect(checkOldSpace(named(objects(), 'Deployment', 'gateway') as Deployment)).toEqual([]);
  });

  it('lets the console reach the gateway and nothing else, and the ingress controller reach the console', () => {
    const policies = ofKind(objects(), 'NetworkPolicy') as Array<KubeObject & { spec: any }>;
    const console = named(objects(), 'Deployment', 'console') as Deployment;
    const gateway = named(objects(), 'Deployment', 'gateway') as Deployment;
    const applying = (deployment: Deployment, type: string) =>
      policies.filter(
        (p) =>
          p.spec.policyTypes.includes(type) &&
          selects(p.spec.podSelector.matchLabels, deployment.spec.template.metadata.labels),
      );
    const egressTo = applying(console, 'Egress').flatMap((p) => (p.spec.egress ?? []).flatMap((rule: any) => rule.to));
    expect(egressTo.length).toBeGreaterThan(0);
    for (const to of egressTo) {
      // An empty podSelector (or none) is every pod, not the gateway; DNS is kube-dns in kube-system only.
      const toGateway =
        !to.namespaceSelector &&
        Object.keys(to.podSelector?.matchLabels ?? {}).length > 0 &&
        selects(to.podSelector.matchLabels, gateway.spec.template.metadata.labels);
      const toDns =
        to.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'kube-system' &&
        to.podSelector?.matchLabels?.['k8s-app'] === 'kube-dns';
      expect({ to, allowed: toGateway || toDns }).toEqual({ to, allowed: true });
    }
    const gatewayFrom = applying(gateway, 'Ingress').flatMap((p) =>
      (p.spec.ingress ?? []).flatMap((rule: any) => rule.from),
    );
    expect(
      gatewayFrom.some((from: any) => selects(from.podSelector?.matchLabels, console.spec.template.metadata.labels)),
    ).toBe(true);
    const consoleFrom = applying(console, 'Ingress').flatMap((p) =>
      (p.spec.ingress ?? []).flatMap((rule: any) => rule.from),
    );
    expect(
      consoleFrom.some(
        (from: any) => from.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx',
      ),
    ).toBe(true);
    // No subgraph lets the console in (checkNetworkPolicies refuses anyone but the gateway and Prometheus).
    // It holds no key and no credential: nothing from a Secret.
    expect(secretReferences([console])).toEqual([]);
  });

  it('signs people in to the console at the issuer the gateway trusts, for the gateway’s audience', () => {
    const environment = (name: string) =>
      componentEnvironment(objects(), named(objects(), 'Deployment', name) as Deployment);
    const gateway = environment('gateway');
    const console = loadConsoleConfig(environment('console'), '/app/apps/console/dist-server');
    expect(console.oidc).toEqual({
      issuer: gateway.AUTH_ISSUER,
      clientId: expect.any(String),
      scopes: 'openid profile',
      resource: gateway.AUTH_AUDIENCE,
    });
    expect(console.oidc!.issuer).toMatch(/^https:\/\//);
    expect(console.devSignInKeysDir).toBeUndefined();
  });

  it('gives every component a configuration its own start-up check accepts, with only variables it reads', () => {
    for (const deployment of ofKind(objects(), 'Deployment') as Deployment[]) {
      const component = deployment.metadata.name;
      const env = componentEnvironment(objects(), deployment);
      expect(() => loadComponentConfig(component, env)).not.toThrow();
      const sources =
        component === 'gateway'
          ? ['gateway/src']
          : component === 'console'
            ? ['apps/console/server']
            : [`services/${component}/src`, 'libs/platform/src'];
      // The gateway names its subgraphs' URL variables from their names (ORGANIZATION_URL …); Node reads NODE_OPTIONS.
      const read = `${sourceText(sources)}\n${Object.keys(SUBGRAPH_DEFAULT_URLS).map(subgraphUrlVariable).join('\n')}\nNODE_OPTIONS`;
      const fromSecrets = (deployment.spec.template.spec.containers[0].env ?? [])
        .filter((v: any) => v.valueFrom?.secretKeyRef)
        .map((v: any) => v.name as string);
      const unread = [...Object.keys(env), ...fromSecrets].filter((variable) => !read.includes(variable));
      expect({ component, unread }).toEqual({ component, unread: [] });
    }
  });
});

describe('production overlay', () => {
  const objects = () => rendered.get('production') as KubeObject[];

  it('exposes the gateway and the console, and nothing else, through an Ingress with TLS for every host', () => {
    const ingresses = ofKind(objects(), 'Ingress') as Array<KubeObject & { spec: any }>;
    expect(ingresses).toHaveLength(1);
    const backends = ingresses[0].spec.rules.flatMap((rule: any) =>
      rule.http.paths.map((p: any) => p.backend.service.name),
    );
    expect(new Set(backends)).toEqual(new Set(['gateway', 'console']));
    expect(ingresses[0].spec.tls?.[0]?.secretName).toBe('gongzhi-tls');
    const hosts = ingresses[0].spec.rules.map((rule: any) => rule.host);
    expect(ingresses[0].spec.tls[0].hosts).toEqual(hosts);
  });

  it('routes nothing to a metrics port: /metrics is only on each pod’s metrics port, which only Prometheus reaches', () => {
    const [ingress] = ofKind(objects(), 'Ingress') as Array<KubeObject & { spec: any }>;
    const backends = ingress.spec.rules.flatMap((rule: any) => rule.http.paths.map((p: any) => p.backend.service));
    for (const backend of backends) {
      const service = named(objects(), 'Service', backend.name) as KubeObject & { spec: any };
      const deployment = named(objects(), 'Deployment', backend.name) as Deployment;
      const ports = deployment.spec.template.spec.containers[0].ports;
      const metricsPort = ports.find((port: any) => port.name === 'metrics').containerPort;
      const servicePort = service.spec.ports.find((port: any) => port.name === backend.port.name);
      // The Ingress reaches the Service's port, which reaches the container's http port; the metrics port is not
      // among the Service's ports at all.
      expect([backend.name, servicePort.targetPort]).toEqual([backend.name, 'http']);
      expect(service.spec.ports.map((port: any) => port.targetPort)).not.toContain('metrics');
      expect(service.spec.ports.map((port: any) => port.targetPort)).not.toContain(metricsPort);
      expect(ports.find((port: any) => port.name === 'http').containerPort).not.toBe(metricsPort);
      // The process serves /metrics there (its METRICS_PORT), not on http, and Prometheus scrapes it there.
      expect(componentEnvironment(objects(), deployment).METRICS_PORT).toBe(String(metricsPort));
      expect(deployment.spec.template.metadata.annotations?.['prometheus.io/port']).toBe(String(metricsPort));
    }
    expect(backends.map((backend: any) => backend.name).sort()).toEqual(['console', 'gateway']);
    // Prometheus's NetworkPolicy opens the metrics port, and only it.
    const scrape = named(objects(), 'NetworkPolicy', 'metrics-from-prometheus') as KubeObject & { spec: any };
    expect(scrape.spec.ingress.flatMap((rule: any) => rule.ports.map((port: any) => port.port))).toEqual(['metrics']);
  });

  it('keeps event streams and KV buckets at 3 replicas and runs at least 3 of everything', () => {
    // Every component that uses NATS (all but the console, which has none: its ConfigMap has no NATS_URL).
    for (const configMap of ofKind(objects(), 'ConfigMap').filter((o) => (o.data as any).NATS_URL))
      expect([configMap.metadata.name, (configMap.data as any).EVENTS_REPLICAS]).toEqual([
        configMap.metadata.name,
        '3',
      ]);
    for (const hpa of ofKind(objects(), 'HorizontalPodAutoscaler') as Array<KubeObject & { spec: any }>)
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(3);
  });

  it('reads each MongoDB URI from the connection-string Secret the operator writes for that component', () => {
    const community = parse(readFileSync(path.join(k8sDir, 'dependencies', 'mongodb-community.yaml'), 'utf8'));
    expect(community.spec.members).toBe(3);
    const written = new Set(community.spec.users.map((user: any) => user.connectionStringSecretName));
    const mongoSecrets = secretReferences(objects()).filter((reference) => reference.variable === 'MONGODB_URI');
    // The four subgraphs and the gateway (partner keys' points), each with its own user.
    expect(mongoSecrets).toHaveLength(5);
    for (const reference of mongoSecrets) {
      expect(written.has(reference.name)).toBe(true);
      expect(reference.key).toBe('connectionString.standard');
    }
  });

  it('runs NATS from the official chart as a 3-server JetStream cluster on disk', () => {
    const values = parse(readFileSync(path.join(k8sDir, 'dependencies', 'nats-values.yaml'), 'utf8'));
    expect(values.config.cluster).toEqual(expect.objectContaining({ enabled: true, replicas: 3 }));
    expect(values.config.jetstream.enabled).toBe(true);
    expect(values.config.jetstream.fileStore.enabled).toBe(true);
  });
});

describe('the checks fail on broken manifests', () => {
  const production = () => clone(rendered.get('production') as KubeObject[]);
  const deploymentOf = (objects: KubeObject[], name = 'organization') =>
    named(objects, 'Deployment', name) as Deployment;

  it('a misspelt field', () => {
    const objects = production();
    deploymentOf(objects).spec.template.spec.containers[0].resourcs = { limits: { cpu: '1' } };
    expect(findUnknownFields([deploymentOf(objects)], repoRoot)).toEqual([
      expect.stringMatching(/Deployment\/organization: .*'resourcs' does not exist/),
    ]);
  });

  it('a wrong type, a missing required field and an unknown kind', () => {
    const objects = production();
    (named(objects, 'HorizontalPodAutoscaler', 'gateway') as any).spec.maxReplicas = 'twelve';
    delete (named(objects, 'Service', 'gateway') as any).spec.ports[0].port;
    objects.push({ apiVersion: 'apps/v1', kind: 'Deployement', metadata: { name: 'typo' } });
    const problems = validateAgainstSchemas(objects);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/HorizontalPodAutoscaler\/gateway: .*maxReplicas must be integer/),
        expect.stringMatching(/Service\/gateway: .*must have required property '?port'?/),
        expect.stringMatching(/Deployement\/typo: no Deployement in apps\/v1/),
      ]),
    );
  });

  it('a Deployment without probes, limits, hardening or preStop', () => {
    const objects = production();
    const pod = deploymentOf(objects).spec.template.spec;
    const container = pod.containers[0];
    delete container.readinessProbe;
    delete container.resources.limits;
    delete container.lifecycle;
    container.securityContext.readOnlyRootFilesystem = false;
    delete container.securityContext.runAsNonRoot;
    delete pod.securityContext.runAsNonRoot;
    expect(checkDeployments(objects)).toEqual([
      'Deployment/organization container organization: readinessProbe must GET /health/ready',
      'Deployment/organization container organization: resources.limits.cpu missing',
      'Deployment/organization container organization: resources.limits.memory missing',
      'Deployment/organization container organization: runAsNonRoot must be true',
      'Deployment/organization container organization: readOnlyRootFilesystem must be true',
      'Deployment/organization container organization: preStop must sleep, so the pod leaves the Service before SIGTERM',
    ]);
  });

  it('metrics on the port the Ingress reaches, or a METRICS_PORT that is not the metrics port', () => {
    const objects = production();
    const gateway = deploymentOf(objects, 'gateway');
    gateway.spec.template.spec.containers[0].ports = [{ name: 'http', containerPort: 4000 }];
    gateway.spec.template.metadata.annotations!['prometheus.io/port'] = '4000';
    const console = deploymentOf(objects, 'console');
    const configMap = ofKind(objects, 'ConfigMap').find((o) => o.metadata.name.startsWith('console-config-'))!;
    delete (configMap.data as Record<string, string>).METRICS_PORT;
    const consoleService = named(objects, 'Service', 'console') as KubeObject & { spec: any };
    consoleService.spec.ports.push({ name: 'metrics', port: 9464, targetPort: 'metrics' });
    expect(console.spec.template.metadata.annotations?.['prometheus.io/port']).toBe('9464');
    expect(checkDeployments(objects).sort()).toEqual(
      [
        'Deployment/gateway: needs a container port named metrics, apart from http, for METRICS_PORT',
        'Deployment/console: its ConfigMap must set METRICS_PORT=9464, the metrics port',
        "Service/console: targetPort must be the container's http port",
      ].sort(),
    );
  });

  it('a Deployment without its HPA, PDB or Service', () => {
    const objects = production().filter(
      (o) => !(o.metadata.name === 'services' && o.kind !== 'Deployment' && o.kind !== 'ConfigMap'),
    );
    expect(checkDeployments(objects)).toEqual([
      'Deployment/services: no Service selects its pods',
      'Deployment/services: no HorizontalPodAutoscaler scales it',
      'Deployment/services: no PodDisruptionBudget covers its pods',
    ]);
  });

  it('a Secret with data, a password in a ConfigMap, a literal MongoDB URI', () => {
    const objects = production();
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'gongzhi-internal-token-signing' },
      data: { key: 'c2VjcmV0' },
    });
    (ofKind(objects, 'ConfigMap')[0].data as Record<string, string>).NATS_URL = 'nats://gongzhi:hunter2@nats:4222';
    deploymentOf(objects).spec.template.spec.containers[0].env[0] = {
      name: 'MONGODB_URI',
      value: 'mongodb://db:27017',
    };
    expect(checkNoSecretsInGit(objects)).toEqual([
      expect.stringMatching(/NATS_URL carries credentials/),
      'Secret/gongzhi-internal-token-signing: secrets are created in the cluster, not committed',
    ]);
    expect(checkDeployments(objects)).toContain(
      'Deployment/organization container organization: MONGODB_URI is a secret: take it from a Secret, not a literal value',
    );
  });

  it('a subgraph open to every pod, or no default deny', () => {
    const objects = production();
    (named(objects, 'NetworkPolicy', 'subgraphs-from-gateway') as any).spec.ingress[0].from = [{ podSelector: {} }];
    expect(checkNetworkPolicies(objects)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Deployment\/facilities: no NetworkPolicy lets the gateway in/),
        expect.stringMatching(/Deployment\/facilities: a NetworkPolicy lets in more than the gateway and Prometheus/),
      ]),
    );
    const withoutDeny = production().filter((o) => o.metadata.name !== 'default-deny-ingress');
    expect(checkNetworkPolicies(withoutDeny)).toContain(
      'no default-deny ingress NetworkPolicy (podSelector {}, policyTypes [Ingress], no rules)',
    );
  });

  it('a gateway whose old space does not follow its memory limit', () => {
    const objects = production();
    deploymentOf(objects, 'gateway').spec.template.spec.containers[0].resources.limits.memory = '2Gi';
    expect(checkOldSpace(deploymentOf(objects, 'gateway'))).toEqual([
      'Deployment/gateway: --max-old-space-size=614 is 30 % of the 2048 MiB limit; set it to 1229 (60 %)',
    ]);
    const unset = production();
    deploymentOf(unset, 'gateway').spec.template.spec.containers[0].env = [];
    expect(checkOldSpace(deploymentOf(unset, 'gateway'))).toEqual([
      'Deployment/gateway: NODE_OPTIONS sets no --max-old-space-size; set it to 614 (60 % of the 1024 MiB limit)',
    ]);
  });

  it('a machine without kubectl or kustomize gets told what to install', () => {
    expect(() => kustomizeCommand({ PATH: '/nonexistent' })).toThrow(KUSTOMIZE_MISSING);
  });

  it('a component configuration its start-up check refuses', () => {
    const objects = production();
    const configMap = ofKind(objects, 'ConfigMap').find((o) =>
      o.metadata.name.startsWith('deliberation-config-'),
    ) as KubeObject;
    (configMap.data as Record<string, string>).EVENTS_REPLICAS = 'three';
    expect(() =>
      loadComponentConfig('deliberation', componentEnvironment(objects, deploymentOf(objects, 'deliberation'))),
    ).toThrow(/EVENTS_REPLICAS/);
  });
});

/** The Secrets (and keys) a render reads, through env or volumes. */
function secretReferences(objects: KubeObject[]): Array<{ name: string; key: string; variable?: string }> {
  return (ofKind(objects, 'Deployment') as Deployment[]).flatMap((deployment) => {
    const pod = deployment.spec.template.spec;
    const fromEnv = pod.containers.flatMap((container: any) =>
      (container.env ?? [])
        .filter((variable: any) => variable.valueFrom?.secretKeyRef)
        .map((variable: any) => ({
          name: variable.valueFrom.secretKeyRef.name,
          key: variable.valueFrom.secretKeyRef.key,
          variable: variable.name,
        })),
    );
    const fromVolumes = (pod.volumes ?? [])
      .filter((volume: any) => volume.secret)
      .flatMap((volume: any) =>
        (volume.secret.items ?? []).map((item: any) => ({ name: volume.secret.secretName, key: item.key })),
      );
    return [...fromEnv, ...fromVolumes];
  });
}

/** What the component's process sees: its ConfigMap plus its literal env values (not the Secret-fed ones). */
function componentEnvironment(objects: KubeObject[], deployment: Deployment): Record<string, string> {
  const container = deployment.spec.template.spec.containers[0];
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    Object.assign(env, (named(objects, 'ConfigMap', source.configMapRef.name)?.data as Record<string, string>) ?? {});
  }
  for (const variable of container.env ?? []) if (variable.value !== undefined) env[variable.name] = variable.value;
  return env;
}

/** Runs the component's own configuration check on `env`, with stand-ins for what comes from Secrets. */
function loadComponentConfig(component: string, env: Record<string, string>): unknown {
  // Every component with a database (the gateway too: partner keys' points) takes MONGODB_URI from a Secret.
  const withSecrets: Record<string, string> = {
    ...env,
    MONGODB_URI: 'mongodb://gongzhi-mongodb-svc:27017/admin?replicaSet=gongzhi-mongodb',
  };
  if (component === 'gateway') {
    const key = { ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }), kid: 'manifest-check' };
    const { INTERNAL_TOKEN_KEY_PATH: mountedKey, ...rest } = withSecrets;
    expect(mountedKey).toMatch(/^\/etc\/gongzhi\//);
    return loadGatewayConfig({ ...rest, INTERNAL_TOKEN_KEY: JSON.stringify(key) });
  }
  if (component === 'console') return loadConsoleConfig(env, '/app/apps/console/dist-server');
  const loaders: Record<string, (e: Record<string, string>) => unknown> = {
    organization: loadOrganizationConfig,
    services: loadServicesConfig,
    facilities: loadFacilitiesConfig,
    deliberation: loadDeliberationConfig,
  };
  return loaders[component](withSecrets);
}

const sourceCache = new Map<string, string>();
/** The text of every non-test TypeScript file under `dirs`: where a component's variables are read. */
function sourceText(dirs: string[]): string {
  return dirs
    .map((dir) => {
      if (!sourceCache.has(dir)) {
        const texts: string[] = [];
        const walk = (at: string) => {
          for (const entry of readdirSync(at)) {
            const full = path.join(at, entry);
            if (statSync(full).isDirectory()) walk(full);
            else if (entry.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry)) texts.push(readFileSync(full, 'utf8'));
          }
        };
        walk(path.join(repoRoot, dir));
        sourceCache.set(dir, texts.join('\n'));
      }
      return sourceCache.get(dir) as string;
    })
    .join('\n');
}
