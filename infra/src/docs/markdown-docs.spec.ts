import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configurationDrift, declaredVariables, duplicatePassages, markdownFiles, staleClaims } from './markdown-docs';

const repoRoot = path.resolve(__dirname, '../../..');

/** Generated from the error catalogues (`npm run errors`): its entries repeat by design. */
const GENERATED = new Set(['docs/errors.md']);

const show = (problems: { file: string; line: number; problem: string }[]) =>
  problems.map(({ file, line, problem }) => `${file}:${line} ${problem}`);

describe("the project's markdown", () => {
  const files = markdownFiles(repoRoot);

  it('is found: the root README, CONTRIBUTING.md, docs/ and every subgraph README', () => {
    const names = files.map((f) => f.file);
    for (const expected of [
      'README.md',
      'CONTRIBUTING.md',
      'docs/events.md',
      'gateway/README.md',
      'services/organization/README.md',
      'services/services/README.md',
      'services/facilities/README.md',
      'services/deliberation/README.md',
    ])
      expect(names).toContain(expected);
    expect(names.filter((name) => name.includes('node_modules'))).toEqual([]);
  });

  it('links only to files and headings that exist, names only paths that exist and npm scripts package.json has', () => {
    expect(show(staleClaims(repoRoot, files))).toEqual([]);
  });

  it("describes every process's variables as its configuration schema declares them, with the same defaults", () => {
    expect(show(configurationDrift(repoRoot))).toEqual([]);
  });

  it("links every feature folder of a subgraph from that subgraph's README", () => {
    const unlinked = ['organization', 'services', 'facilities', 'deliberation'].flatMap((name) => {
      const readme = files.find((f) => f.file === `services/${name}/README.md`)?.text ?? '';
      return readdirSync(path.join(repoRoot, 'services', name, 'src'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !readme.includes(`](src/${entry.name}/)`))
        .map((entry) => `services/${name}/src/${entry.name}/`);
    });
    expect(unlinked).toEqual([]);
  });

  it('says nothing twice: no passage of 30 words in two places', () => {
    expect(show(duplicatePassages(files.filter((f) => !GENERATED.has(f.file))))).toEqual([]);
  });
});

describe('the markdown checks', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gongzhi-docs-'));
    mkdirSync(path.join(root, 'docs'));
    mkdirSync(path.join(root, 'services/organization/src/access'), { recursive: true });
    writeFileSync(path.join(root, 'services/organization/src/access/grant-role.ts'), '');
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ scripts: { start: '', compose: '' } }));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const check = (docs: Record<string, string>) => {
    for (const [file, text] of Object.entries(docs)) writeFileSync(path.join(root, file), text);
    return show(staleClaims(root, markdownFiles(root)));
  };

  it('accepts what exists: links, anchors, paths (a built file as its source) and scripts', () => {
    expect(
      check({
        'README.md': '# 共治\n\nSee [events](docs/events.md#the-outbox) and `npm run compose`.\n',
        'docs/events.md':
          '# Events\n\n## The outbox\n\nRun `node services/organization/dist/access/grant-role.js` from the [root](../README.md#共治).\n',
      }),
    ).toEqual([]);
  });

  it('reports a missing file, a missing anchor, a missing path and a missing script', () => {
    expect(
      check({
        'README.md': '# 共治\n\nSee [ops](docs/ops.md) and [events](docs/events.md#relay), `npm run bench`.\n',
        'docs/events.md': '# Events\n\n```sh\nnode services/facilities/dist/main.js\n```\n',
      }),
    ).toEqual([
      'README.md:3 links to docs/ops.md, which does not exist',
      'README.md:3 links to docs/events.md#relay: docs/events.md has no heading with the anchor #relay',
      'README.md:3 tells people to run `npm run bench`, not a script of package.json',
      'docs/events.md:4 names services/facilities/dist/main.js, which does not exist',
    ]);
  });

  it('reports a passage written twice, across files or in one, however it is wrapped or marked up', () => {
    const passage =
      'A subgraph writes its change and the event outbox record in one MongoDB transaction; a relay publishes the ' +
      'outbox to JetStream with the event id as its message id, de-duplicated by the stream, for every 小区 and 楼栋.';
    const files = [
      { file: 'README.md', text: `# 共治\n\n${passage}\n` },
      { file: 'docs/events.md', text: `# Events\n\nFirst. ${passage.replace('one MongoDB', 'one\n`MongoDB`')}\n` },
      { file: 'docs/other.md', text: `# Other\n\n${passage.slice(0, 120)}\n\nand something else entirely here.\n` },
    ];
    expect(show(duplicatePassages(files))).toEqual([
      expect.stringMatching(/^docs\/events\.md:3 repeats README\.md:3: "a subgraph writes/),
    ]);
    expect(show(duplicatePassages([{ file: 'a.md', text: `${passage}\n\n${passage}\n` }]))).toEqual([
      expect.stringMatching(/^a\.md:3 repeats a\.md:1/),
    ]);
  });

  it("reads a schema's variables and literal defaults, and the gateway's subgraph URLs", () => {
    const source = [
      'export const SUBGRAPH_DEFAULT_URLS = {',
      "  organization: 'http://127.0.0.1:4001/graphql',",
      '};',
      'const schema = z.object({',
      '  PORT: port.default(4000),',
      "  AUTH_AUDIENCE: z.string().default('gongzhi'),",
      '  MAX_COST: positiveInt.default(10_000),',
      '  AUTH_ISSUER: z.string().optional(),',
      '});',
    ].join('\n');
    expect(declaredVariables(source)).toEqual([
      { name: 'PORT', default: '4000' },
      { name: 'AUTH_AUDIENCE', default: 'gongzhi' },
      { name: 'MAX_COST', default: '10000' },
      { name: 'AUTH_ISSUER', default: undefined },
      { name: 'ORGANIZATION_URL', default: 'http://127.0.0.1:4001/graphql' },
    ]);
  });
});
