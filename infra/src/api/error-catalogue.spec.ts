import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogueProblems, generateCatalogue, loadCatalogue } from './error-catalogue';
import { scanErrorCodes } from './error-scan';

const repoRoot = path.resolve(__dirname, '../../..');

/**
 * One word for each idea (docs/api-conventions.md, "Errors"; issue 13): `<ENTITY>.NOT_FOUND` for an unknown id,
 * `<ENTITY>.ALREADY_EXISTS`, `<ENTITY>.INVALID_<WHAT>`, `<ENTITY>.ILLEGAL_STEP`. What a code must not look like instead.
 */
function departuresFromTheShape(code: string): string[] {
  const what = code.split('.').at(-1)!;
  return [
    /_INVALID$/.test(what) && 'INVALID_<WHAT>, not <WHAT>_INVALID',
    /(^|_)EXISTS$/.test(what) && what !== 'ALREADY_EXISTS' && 'ALREADY_EXISTS, not EXISTS',
    /^DUPLICATE_/.test(what) && 'ALREADY_EXISTS, not DUPLICATE_<WHAT>',
    /.+_NOT_FOUND$/.test(what) && '<ENTITY>.NOT_FOUND of the kind of id, not <FIELD>_NOT_FOUND',
    /^ILLEGAL_/.test(what) && what !== 'ILLEGAL_STEP' && 'ILLEGAL_STEP for a step the state machine does not allow',
  ].filter((problem): problem is string => Boolean(problem));
}

/** Today's codes that depart from the shape, each to be renamed by its owner: the list may only shrink. */
const SHAPE_EXCEPTIONS = [
  // The gateway's protocol-level codes carry no entity (as BAD_USER_INPUT does not); this one reads like them.
  'IDEMPOTENCY_KEY_INVALID',
];

describe('the error catalogue', () => {
  const { markdown, problems } = generateCatalogue(repoRoot);

  it('lists every code the sources throw, each once, with a meaning and an action, and nothing no longer thrown', () => {
    expect(problems).toEqual([]);
  });

  it('is published as docs/errors.md, up to date (run `npm run errors` after changing an errors.yaml)', () => {
    expect(readFileSync(path.join(repoRoot, 'docs/errors.md'), 'utf8')).toBe(markdown);
  });

  it('names every catalogued code in one shape: NOT_FOUND, ALREADY_EXISTS, INVALID_<WHAT>, ILLEGAL_STEP', () => {
    const codes = loadCatalogue(repoRoot).map((entry) => entry.code);
    const departing = codes.filter((code) => departuresFromTheShape(code).length > 0);
    // A departure not listed: rename the code (and its errors.yaml entry, then npm run errors).
    expect(
      departing
        .filter((code) => !SHAPE_EXCEPTIONS.includes(code))
        .map((code) => `${code}: ${departuresFromTheShape(code).join('; ')}`),
    ).toEqual([]);
    // A listed code renamed or gone: remove it from SHAPE_EXCEPTIONS.
    expect(SHAPE_EXCEPTIONS.filter((code) => !departing.includes(code))).toEqual([]);
  });

  it('tells a departing code from one in shape', () => {
    for (const code of [
      'ROLE_BINDING.EXISTS',
      'CONSENT.GUARDIAN_INVALID',
      'ORG_UNIT.PARENT_NOT_FOUND',
      'ORG_UNIT.DUPLICATE_NAME',
    ])
      expect(departuresFromTheShape(code)).toHaveLength(1);
    for (const code of [
      'ROLE_BINDING.ALREADY_EXISTS',
      'CONSENT.INVALID_GUARDIAN',
      'ORG_UNIT.NOT_FOUND',
      'MOTION.ILLEGAL_STEP',
    ])
      expect(departuresFromTheShape(code)).toEqual([]);
    expect(departuresFromTheShape('LAMP_FAULT.ILLEGAL_TRANSITION')).toHaveLength(1);
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
