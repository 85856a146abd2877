import { encodeCursor } from './connection';
import { listConnection } from './list-connection';

const steps = ['PLACED', 'ACCEPTED', 'SCHEDULED', 'COMPLETED', 'RATED'];

describe('listConnection', () => {
  it('pages through an in-memory list in its order, each page resuming after the cursor it was given', async () => {
    const first = listConnection(steps, { first: 2 });
    expect(first.edges.map((edge) => edge.node)).toEqual(['PLACED', 'ACCEPTED']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(await first.totalCount).toBe(5);

    const second = listConnection(steps, { first: 2, after: first.pageInfo.endCursor! });
    expect(second.edges.map((edge) => edge.node)).toEqual(['SCHEDULED', 'COMPLETED']);
    const last = listConnection(steps, { first: 2, after: second.pageInfo.endCursor! });
    expect(last.edges.map((edge) => edge.node)).toEqual(['RATED']);
    expect(last.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: last.edges[0].cursor,
      endCursor: last.edges[0].cursor,
    });
  });

  it('answers an empty page, not an error, for an empty list', () => {
    expect(listConnection([], { first: 20 })).toMatchObject({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('refuses a cursor another list handed out with PAGINATION.INVALID_CURSOR', () => {
    const fromAQuery = encodeCursor('2024-05-01', '665f1c2e8b3e4a0012345678');
    expect(() => listConnection(steps, { first: 2, after: fromAQuery })).toThrow(
      expect.objectContaining({ code: 'PAGINATION.INVALID_CURSOR' }),
    );
    expect(() => listConnection(steps, { first: 2, after: 'not a cursor' })).toThrow(
      expect.objectContaining({ code: 'PAGINATION.INVALID_CURSOR' }),
    );
  });
});
