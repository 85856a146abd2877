import { renderToStaticMarkup } from 'react-dom/server';
import type { CatalogueItem } from './care-order-form';
import { CareOrderForm } from './CareOrderForm';

const items: CatalogueItem[] = [
  {
    id: 'visit',
    name: '上门探访',
    category: 'HOME_CARE',
    delivery: 'ON_REQUEST',
    eligibility: { ageBands: ['AGE_60_TO_79', 'AGE_80_PLUS'] },
    cost: { kind: 'FREE', priceFen: 0, unit: '次' },
    providers: { edges: [{ node: { id: 'p1', name: '东方达人 沈雪珍' } }] },
  },
  {
    id: 'day-care',
    name: '日间照料中心',
    category: 'DAY_CARE',
    delivery: 'IN_SESSIONS',
    eligibility: { ageBands: ['AGE_60_TO_79', 'AGE_80_PLUS'] },
    cost: { kind: 'SUBSIDISED', priceFen: 1500, fullPriceFen: 4000, unit: '天' },
    providers: { edges: [] },
  },
];

const render = (props: Partial<Parameters<typeof CareOrderForm>[0]> = {}) =>
  renderToStaticMarkup(
    <CareOrderForm
      items={items}
      recipients={[
        {
          id: 'luo',
          name: '罗淑芬',
          ageBand: 'AGE_60_TO_79',
          household: { unitNumber: '302室', building: { name: '3幢' } },
        },
      ]}
      onSearch={() => undefined}
      onPlace={async () => true}
      pending={false}
      errors={[]}
      {...props}
    />,
  );

describe('CareOrderForm', () => {
  it('offers the items ordered one at a time and the residents the API showed, each field labelled', () => {
    const html = render();
    expect(html).toContain('<h3 id="order-heading">点单：助老助幼服务</h3>');
    expect(html).toContain('<label for="order-item">服务项目</label><select id="order-item" required="">');
    expect(html).toContain('<option value="visit">上门探访 · 免费 · 60–79岁、80岁及以上</option>');
    expect(html).not.toContain('日间照料中心');
    expect(html).toContain('<label for="order-resident">服务对象</label>');
    expect(html).toContain('<option value="luo">罗淑芬（3幢 302室，60–79岁）</option>');
    expect(html).toContain('<label for="order-search">查找居民</label>');
    expect(html).toContain('<label for="order-wished">希望时间（可不填）</label>');
    expect(html).toContain('<button type="submit">下单</button>');
  });

  it('says when there is no one to order for, and keeps the button off while an order is on its way', () => {
    const html = render({ recipients: [], pending: true });
    expect(html).toContain('<option value="" selected="">没有可选的居民</option>');
    expect(html).toContain('<button type="submit" disabled="">下单</button>');
  });

  it('words a refusal for ordering: the consent missing, and FORBIDDEN as who may order', () => {
    expect(render({ errors: [{ code: 'CARE_ITEM.CONSENT_REQUIRED', message: 'Consent required' }] })).toContain(
      '<div class="problems" role="alert"><p>为他人点单需要居民本人签署的同意书涵盖这类服务，请先到社区登记居民的同意，或由居民本人下单</p></div>',
    );
    expect(render({ errors: [{ code: 'FORBIDDEN', message: 'Forbidden' }] })).toContain(
      '只有居民本人和同户家人，或负责该处的社区书记、网格员（代居民）可以点单',
    );
    expect(render({ done: '已下单：上门探访' })).toContain('<p class="done" role="status">已下单：上门探访</p>');
  });
});
