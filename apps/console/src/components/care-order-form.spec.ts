import {
  type CatalogueItem,
  chinaTimeToIso,
  costLabel,
  fitsAgeBand,
  itemLabel,
  orderableItems,
  placeCareOrderInput,
  recipientLabel,
} from './care-order-form';

const item = (fields: Partial<CatalogueItem> & Pick<CatalogueItem, 'name'>): CatalogueItem => ({
  id: fields.name,
  category: 'HOME_CARE',
  delivery: 'ON_REQUEST',
  eligibility: { ageBands: ['AGE_60_TO_79', 'AGE_80_PLUS'] },
  cost: { kind: 'FREE', priceFen: 0, unit: '次' },
  providers: { edges: [] },
  ...fields,
});

describe('the care order form’s choices', () => {
  it('says what the resident pays: free, subsidised with the full price, or paid', () => {
    expect(costLabel({ kind: 'FREE', priceFen: 0, unit: '次' })).toBe('免费');
    expect(costLabel({ kind: 'SUBSIDISED', priceFen: 800, fullPriceFen: 1500, unit: '餐' })).toBe('8元/餐（原价15元）');
    expect(costLabel({ kind: 'PAID', priceFen: 6050, unit: '次' })).toBe('60.5元/次');
  });

  it('offers only what is ordered one at a time, each with its cost and who it is for', () => {
    const visit = item({ name: '上门探访' });
    const dayCare = item({ name: '日间照料中心', delivery: 'IN_SESSIONS' });
    expect(orderableItems([visit, dayCare])).toEqual([visit]);
    expect(itemLabel(visit)).toBe('上门探访 · 免费 · 60–79岁、80岁及以上');
  });

  it('tells residents apart by building, door and age band, and knows whom an item is for', () => {
    const luo = {
      id: 'r1',
      name: '罗淑芬',
      ageBand: 'AGE_60_TO_79' as const,
      household: { unitNumber: '302室', building: { name: '3幢' } },
    };
    expect(recipientLabel(luo)).toBe('罗淑芬（3幢 302室，60–79岁）');
    expect(recipientLabel({ id: 'r2', name: '张宇航', ageBand: 'AGE_6_TO_13', household: null })).toBe(
      '张宇航（6–13岁）',
    );
    expect(fitsAgeBand(item({ name: '上门探访' }), luo)).toBe(true);
    expect(fitsAgeBand(item({ name: '白天托管班', eligibility: { ageBands: ['AGE_6_TO_13'] } }), luo)).toBe(false);
  });

  it('reads the wished time as China time, and sends only what was chosen or written', () => {
    expect(chinaTimeToIso('2026-03-05T09:30')).toBe('2026-03-05T01:30:00.000Z');
    expect(chinaTimeToIso('')).toBeUndefined();
    expect(chinaTimeToIso('下周三')).toBeUndefined();
    expect(placeCareOrderInput({ itemId: 'i1', residentId: 'r1', providerId: '', wishedFor: '', note: '  ' })).toEqual({
      itemId: 'i1',
      residentId: 'r1',
    });
    expect(
      placeCareOrderInput({
        itemId: 'i1',
        residentId: 'r1',
        providerId: 'p2',
        wishedFor: '2026-03-05T09:30',
        note: ' 请先电话联系 ',
      }),
    ).toEqual({
      itemId: 'i1',
      residentId: 'r1',
      providerId: 'p2',
      wishedFor: '2026-03-05T01:30:00.000Z',
      note: '请先电话联系',
    });
  });
});
