import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FACILITIES_SDL, ORGANIZATION_SDL } from '../testing/subgraphs.fixture';
import { checkSupergraph, composeSupergraph, placeholderUrl } from './compose';
import { subgraphNames } from './subgraph-names';

const subgraphs = [
  { name: 'organization', sdl: ORGANIZATION_SDL },
  { name: 'facilities', sdl: FACILITIES_SDL },
];

describe('composeSupergraph', () => {
  it('composes federation-2 subgraphs into a supergraph with placeholder URLs only', () => {
    const outcome = composeSupergraph(subgraphs);
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(subgraphNames(outcome.supergraphSdl)).toEqual(['facilities', 'organization']);
    expect(outcome.supergraphSdl).toContain(placeholderUrl('organization'));
    expect(outcome.supergraphSdl).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(outcome.supergraphSdl).toMatch(/^# Composed by `npm run compose`/);
  });

  it('returns the composition errors when subgraphs disagree', () => {
    const clashing = FACILITIES_SDL.replace('id: ID!\n  }', 'id: ID!\n    name: Int\n  }');
    const outcome = composeSupergraph([subgraphs[0], { name: 'facilities', sdl: clashing }]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.join('\n')).toMatch(/OrgUnit\.name/);
  });

  it('reports an SDL syntax error with the subgraph name', () => {
    const outcome = composeSupergraph([{ name: 'organization', sdl: 'type Query {' }]);
    expect(outcome).toEqual({ ok: false, errors: [expect.stringMatching(/^\[organization\] Syntax Error/)] });
  });
});

describe('checkSupergraph', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gongzhi-supergraph-'));
    await writeFile(path.join(dir, 'organization.graphql'), ORGANIZATION_SDL);
    await writeFile(
      path.join(dir, 'subgraphs.json'),
      JSON.stringify([{ name: 'organization', schema: 'organization.graphql' }]),
    );
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const check = () => checkSupergraph(path.join(dir, 'subgraphs.json'), path.join(dir, 'supergraph.graphql'));

  it('tells a missing, a stale and a fresh supergraph file apart', async () => {
    const missing = await check();
    expect(missing).toMatchObject({ status: 'missing', message: expect.stringContaining('npm run compose') });
    if (missing.status !== 'missing') return;
    await writeFile(path.join(dir, 'supergraph.graphql'), missing.supergraphSdl);
    expect((await check()).status).toBe('fresh');
    await writeFile(
      path.join(dir, 'organization.graphql'),
      ORGANIZATION_SDL.replace('parent: OrgUnit', 'parent: OrgUnit\n    code: String'),
    );
    expect(await check()).toMatchObject({ status: 'stale', message: expect.stringContaining('run `npm run compose`') });
  });

  it('fails naming the subgraph whose SDL file is missing', async () => {
    await writeFile(
      path.join(dir, 'subgraphs.json'),
      JSON.stringify([{ name: 'facilities', schema: 'nowhere.graphql' }]),
    );
    expect(await check()).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('subgraph "facilities"'),
    });
  });
});
