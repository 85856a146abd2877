import { ConnectionArgs, arrayConnection } from './connection';

const page = (first: number, after?: string): ConnectionArgs => Object.assign(new ConnectionArgs(), { first, after });
const holders = [
  { role: 'VOLUNTEER', name: '王建国' },
  { role: 'PARTY_MEMBER', name: '顾建华' },
  { role: 'GRID_WORKER', name: '陆文斌' },
];
const ORDER = ['PARTY_MEMBER', 'GRID_WORKER', 'VOLUNTEER'];
const byRole = (holder: (typeof holders)[number]) => ({ sortValue: ORDER.indexOf(holder.role), id: holder.role });

describe('arrayConnection: an embedded list paged like the others', () => {
  it('orders by the key, pages forwards with the cursors it hands out, and counts the whole list', () => {
    const first = arrayConnection(holders, page(2), byRole);
    expect(first.edges.map((edge) => edge.node.name)).toEqual(['顾建华', '陆文斌']);
    expect(first.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: first.edges[0].cursor,
      endCursor: first.edges[1].cursor,
    });
    expect(first.totalCount).toBe(3);

    const second = arrayConnection(holders, page(2, first.pageInfo.endCursor!), byRole);
    expect(second.edges.map((edge) => edge.node.name)).toEqual(['王建国']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('refuses a cursor it did not hand out', () => {
    expect(() => arrayConnection(holders, page(2, 'not-a-cursor'), byRole)).toThrow(
      expect.objectContaining({ code: 'PAGINATION.INVALID_CURSOR' }),
    );
  });
});
