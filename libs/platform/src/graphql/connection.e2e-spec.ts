import { connectTestDatabase } from '@gongzhi/testing';
import { type Connection, type Model, Schema } from 'mongoose';
import { ConnectionArgs, paginate } from './connection';

interface Community {
  name: string;
}

const pageOf = (first: number, after?: string): ConnectionArgs => Object.assign(new ConnectionArgs(), { first, after });

describe('paginate: Relay page info when paging forwards', () => {
  let connection: Connection;
  let communities: Model<Community>;

  beforeAll(async () => {
    connection = await connectTestDatabase();
    communities = connection.model<Community>('Community', new Schema<Community>({ name: String }));
    await communities.insertMany(
      ['淞源社区', '淞泽社区', '梅淞社区', '玲珑湾社区', '东沙湖社区'].map((name) => ({ name })),
    );
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('starts and ends each page at its first and last edge, with nothing before the first page', async () => {
    const page = await paginate(communities, {}, pageOf(2), { sortBy: 'name' });
    expect(page.pageInfo).toMatchObject({
      hasNextPage: true,
      startCursor: page.edges[0].cursor,
      endCursor: page.edges[1].cursor,
    });
    expect(await page.pageInfo.hasPreviousPage).toBe(false);
  });

  it('says a page after a cursor has edges before it, in either order, and none once they are gone', async () => {
    for (const direction of [1, -1] as const) {
      const first = await paginate(communities, {}, pageOf(2), { sortBy: 'name', direction });
      const second = await paginate(communities, {}, pageOf(2, first.pageInfo.endCursor!), {
        sortBy: 'name',
        direction,
      });
      expect(await second.pageInfo.hasPreviousPage).toBe(true);
      expect(second.pageInfo.startCursor).toBe(second.edges[0].cursor);
      // Everything at or before the cursor removed: nothing precedes the page any more.
      const gone = [...first.edges.map((edge) => edge.node.name)];
      const removed = await communities.find({ name: { $in: gone } }).lean();
      await communities.deleteMany({ name: { $in: gone } });
      const after = await paginate(communities, {}, pageOf(2, first.pageInfo.endCursor!), {
        sortBy: 'name',
        direction,
      });
      expect(await after.pageInfo.hasPreviousPage).toBe(false);
      await communities.insertMany(removed);
    }
  });

  it('leaves an empty page without cursors', async () => {
    const empty = await paginate(communities, { name: '不存在的社区' }, pageOf(5), { sortBy: 'name' });
    expect(empty.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
  });
});
