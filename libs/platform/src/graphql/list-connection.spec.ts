import { encodeCursor } from './connection';
import { DomainError } from './domain-error';
import { listConnection } from './list-connection';

describe('listConnection', () => {
  const steps = ['RAISED', 'DELIBERATION', 'VOTING', 'PASSED', 'PUBLIC_NOTICE'];

  it('pages through a list in its order, each page after the last cursor, with the total', async () => {
    const first = listConnection(steps, { first: 2 });
    expect(first.edges.map((edge) => edge.node)).toEqual(['RAISED', 'DELIBERATION']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(await first.totalCount).toBe(5);
    const second = listConnection(steps, { first: 2, after: first.pageInfo.endCursor! });
    expect(second.edges.map((edge) => edge.node)).toEqual(['VOTING', 'PASSED']);
    const last = listConnection(steps, { first: 2, after: second.pageInfo.endCursor! });
    expect(last.edges.map((edge) => edge.node)).toEqual(['PUBLIC_NOTICE']);
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: last.edges[0].cursor });
  });

  it('answers an empty page, without a cursor, for an empty list', () => {
    expect(listConnection([], { first: 20 })).toMatchObject({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it.each([['not a cursor'], [encodeCursor(5, '5')], [encodeCursor(-1, '-1')], [encodeCursor('x', 'x')]])(
    'refuses a cursor it did not hand out (%s)',
    (after) => {
      expect(() => listConnection(steps, { first: 2, after })).toThrow(DomainError);
    },
  );
});
