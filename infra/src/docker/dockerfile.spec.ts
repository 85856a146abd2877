import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONSOLE, GATEWAY, SUBGRAPHS } from '../cli/components';
import { findRepoRoot } from '../process/repo-root';
import { checkDockerfile, type Component, effective, parseStages } from './dockerfile-check';

const repoRoot = findRepoRoot(__dirname);
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const dockerfile = read('Dockerfile');
const dockerignore = read('.dockerignore');
const pnpmVersion = /^pnpm@(.+)$/.exec(JSON.parse(read('package.json')).packageManager)?.[1] as string;
/** Every component `npm start` runs, with the file it runs and its port: each needs an image. */
const components: Component[] = [
  ...[...SUBGRAPHS, GATEWAY].map(({ name, entry, defaultPort }) => ({ name, entry, port: defaultPort })),
  // The console's server serves the single-page app Vite built beside it.
  { name: CONSOLE.name, entry: CONSOLE.entry, port: CONSOLE.defaultPort, assets: ['apps/console/dist-web'] },
];
const check = (overrides: { dockerfile?: string; dockerignore?: string } = {}) =>
  checkDockerfile({ dockerfile, dockerignore, repoRoot, components, pnpmVersion, ...overrides });

describe('Dockerfile (checked offline: no container engine here)', () => {
  it('has a target per component, each non-root, with a HEALTHCHECK, running its entry, copying only what exists', () => {
    expect(check()).toEqual([]);
  });

  it('builds every target the docs tell people to build', () => {
    const targets = new Set(parseStages(dockerfile).map((stage) => stage.name));
    const documented = ['docs/operations.md', 'infra/k8s/README.md', 'Dockerfile'].flatMap((file) =>
      [...read(file).matchAll(/docker build --target (\S+)/g)].map((match) => ({ file, target: match[1] })),
    );
    expect(new Set(documented.map((d) => d.target))).toEqual(new Set(components.map((c) => c.name)));
    for (const { file, target } of documented)
      expect({ file, target, exists: targets.has(target) }).toEqual({ file, target, exists: true });
  });

  it('gives the gateway the supergraph it serves', () => {
    const stages = parseStages(dockerfile);
    const gatewayCopies =
      stages.find((stage) => stage.name === 'gateway')?.instructions.filter((i) => i.getKeyword() === 'COPY') ?? [];
    expect(
      gatewayCopies.some((copy) => copy.getArgumentsContent()?.includes('gateway/supergraph/supergraph.graphql')),
    ).toBe(true);
    expect(effective(stages, 'gateway', 'USER')).toBe('1000:1000');
  });

  describe('fails on', () => {
    it('a root user, a missing HEALTHCHECK and a shell-form CMD', () => {
      const broken = dockerfile
        .replace('USER 1000:1000', 'USER root')
        .replace(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, '')
        .replace('CMD ["node", "services/facilities/dist/main.js"]', 'CMD node services/facilities/dist/main.js');
      expect(check({ dockerfile: broken })).toEqual(
        expect.arrayContaining([
          'target organization: runs as root; set a non-root numeric USER',
          'target gateway: no HEALTHCHECK on /health/live',
          expect.stringMatching(
            /^target facilities: CMD should be the exec form \["node", "services\/facilities\/dist\/main.js"\]/,
          ),
        ]),
      );
    });

    it('a COPY of a file that does not exist, or of one .dockerignore leaves out', () => {
      const broken = dockerfile
        .replace('COPY libs/platform/package.json libs/platform/', 'COPY libs/platfrom/package.json libs/platform/')
        .replace('COPY pnpm-lock.yaml pnpm-workspace.yaml ./', 'COPY pnpm-lock.yaml pnpm-workspace.yaml README.md ./');
      expect(check({ dockerfile: broken })).toEqual(
        expect.arrayContaining([
          'stage workspace-manifests: COPY libs/platfrom/package.json: libs/platfrom/package.json does not exist',
          'stage build: COPY pnpm-lock.yaml pnpm-workspace.yaml README.md: README.md is excluded by .dockerignore',
        ]),
      );
    });

    it('a missing target, a library left out, an unfrozen install, a .dockerignore that sends node_modules', () => {
      const broken = dockerfile
        .replace('FROM subgraph AS deliberation', 'FROM subgraph AS deliberations')
        .replace('COPY --from=build /src/libs/platform/dist libs/platform/dist\n', '')
        .replace('COPY --from=gateway-deps /src ./', 'COPY --from=organization-deps /src ./')
        .replace('COPY --from=build /src/apps/console/dist-web apps/console/dist-web\n', '')
        .replace(
          'pnpm install --offline --frozen-lockfile --prod --filter "@gongzhi/services..."',
          'pnpm install --prod --filter "@gongzhi/services..."',
        );
      expect(check({ dockerfile: broken, dockerignore: dockerignore.replace('**/node_modules\n', '') })).toEqual(
        expect.arrayContaining([
          'no target deliberation',
          'target organization: does not copy libs/platform/dist',
          'target console: does not copy apps/console/dist-web',
          'stage services-deps: pnpm install without --frozen-lockfile',
          'target gateway: does not copy the production dependencies of @gongzhi/gateway (pnpm install --prod --filter "@gongzhi/gateway...")',
          '.dockerignore: node_modules should not be sent to the build',
        ]),
      );
    });
  });
});
