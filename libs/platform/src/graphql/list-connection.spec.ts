import { encodeCursor } from './connection';
import { DomainError } from './domain-error';
import { listConnection } from './list-connection';

describe('listConnection', () => {
  // 淞泽家园七区's barrier gate, shared by seven households: pages of three.
  const households = ['101室', '102室', '201室', '202室', '301室', '302室', '401室'];

  it('pages a list forwards with opaque cursors until hasNextPage is false, counting it whole', () => {
    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = listConnection(households, { first: 3, after });
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo).toMatchObject({
        hasPreviousPage: after !== undefined,
        startCursor: page.edges[0].cursor,
        endCursor: page.edges.at(-1)!.cursor,
      });
      pages.push(page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(pages).toEqual([['101室', '102室', '201室'], ['202室', '301室', '302室'], ['401室']]);
  });

  it('answers an empty page after the last node and for an empty list', () => {
    const last = listConnection(households, { first: 7 });
    expect(last.pageInfo.hasNextPage).toBe(false);
    const beyond = listConnection(households, { first: 3, after: last.pageInfo.endCursor! });
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, endCursor: null });
    expect(listConnection([], { first: 20 })).toMatchObject({
      edges: [],
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    [
      'a keyset cursor of a query-backed list',
      encodeCursor(new Date('2026-11-23T01:00:00Z'), '65f0a1b2c3d4e5f601234567'),
    ],
    ['a negative position', encodeCursor(-1, 'position')],
    ['a fractional position', encodeCursor(1.5, 'position')],
  ])('refuses %s as the after cursor with PAGINATION.INVALID_CURSOR', (_case, after) => {
    expect(() => listConnection(households, { first: 3, after })).toThrow(
      expect.objectContaining<Partial<DomainError>>({ code: 'PAGINATION.INVALID_CURSOR' }),
    );
  });
});
