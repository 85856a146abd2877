import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogueProblems, generateCatalogue, loadCatalogue } from './error-catalogue';
import { scanErrorCodes } from './error-scan';

const repoRoot = path.resolve(__dirname, '../../..');

describe('the error catalogue', () => {
  const { markdown, problems } = generateCatalogue(repoRoot);

  it('lists every code the sources throw, each once, with a meaning and an action, and nothing no longer thrown', () => {
    expect(problems).toEqual([]);
  });

  it('is published as docs/errors.md, up to date (run `npm run errors` after changing an errors.yaml)', () => {
    expect(readFileSync(path.join(repoRoot, 'docs/errors.md'), 'utf8')).toBe(markdown);
  });

  it('finds the codes in every shape they are thrown in', () => {
    const codes = new Set(scanErrorCodes(repoRoot).map((site) => site.code));
    // new DomainError('…'), NotFoundError's derived code, super('…'), `code:` in a ternary, refuse(res, 429, '…').
    for (const code of ['MOTION.ILLEGAL_STEP', 'CARE_ORDER.NOT_FOUND', 'FORBIDDEN', 'SUBGRAPH_TIMEOUT', 'RATE_LIMITED'])
      expect(codes).toContain(code);
    // Comments and configuration names are not codes.
    expect(codes).not.toContain('NATS_URL');
  });

  it('reports a code that is thrown but not catalogued, and a catalogued code that nobody throws', () => {
    const catalogue = loadCatalogue(repoRoot).filter((entry) => entry.code !== 'VOTE.CLOSED');
    const sites = [...scanErrorCodes(repoRoot), { code: 'ROOM_BOOKING.OVER_CAPACITY', file: 'x.ts', line: 1 }];
    const withGhost = [
      ...catalogue,
      { code: 'LAMP.GHOST', meaning: 'A code no longer thrown.', action: 'Nothing to do here.', file: 'x.yaml' },
    ];
    const found = catalogueProblems(withGhost, sites);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^VOTE\.CLOSED is thrown at services\/deliberation\//),
        expect.stringMatching(/^LAMP\.GHOST .* no longer thrown/),
      ]),
    );
  });
});
