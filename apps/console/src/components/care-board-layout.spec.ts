import { type BoardOrder, cardWhen, careBoardColumns, recipientOf } from './care-board-layout';

const order = (id: string, fields: Partial<BoardOrder> = {}): BoardOrder => ({
  id,
  createdAt: '2026-03-04T10:20:00Z',
  item: { name: '助餐上门' },
  provider: { name: '高博学院学生志愿服务队' },
  resident: { name: '罗淑芬', phoneMasked: '139****5678' },
  ...fields,
});

describe('the care-order board’s layout', () => {
  it('puts every status in its column, in the order an order goes, empty and refused columns included', () => {
    const columns = careBoardColumns({
      placed: { totalCount: 3, edges: [{ node: order('a') }, { node: order('b') }] },
      rated: { totalCount: 1, edges: [{ node: order('c') }] },
      declined: null,
    });
    expect(columns.map((column) => column.status)).toEqual([
      'PLACED',
      'ACCEPTED',
      'SCHEDULED',
      'COMPLETED',
      'RATED',
      'DECLINED',
      'CANCELLED',
    ]);
    expect(columns.map((column) => column.totalCount)).toEqual([3, 0, 0, 0, 1, 0, 0]);
    // One page of the API's: the count says there are more than the cards.
    expect(columns[0].cards.map((card) => card.id)).toEqual(['a', 'b']);
    expect(columns[4].cards[0]).toEqual({
      id: 'c',
      item: '助餐上门',
      when: '下单 3月4日 18:20',
      provider: '高博学院学生志愿服务队',
      recipient: '罗淑芬 139****5678',
    });
  });

  it('says when as the order’s stage has it: the visit, else the wished time, else when it was placed (China time)', () => {
    expect(cardWhen(order('a', { scheduledFor: '2026-03-05T01:30:00Z', wishedFor: '2026-03-05T00:00:00Z' }))).toBe(
      '上门 3月5日 09:30',
    );
    expect(cardWhen(order('a', { wishedFor: '2026-03-05T16:00:00Z' }))).toBe('希望 3月6日 00:00');
    expect(cardWhen(order('a'))).toBe('下单 3月4日 18:20');
  });

  it('shows the resident only as the API returned them to the role: no phone, or nothing at all', () => {
    expect(recipientOf({ name: '沈雪珍', phoneMasked: null })).toBe('沈雪珍');
    expect(recipientOf(null)).toBe('未公开');
  });
});
