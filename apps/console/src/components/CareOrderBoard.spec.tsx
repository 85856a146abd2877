import { renderToStaticMarkup } from 'react-dom/server';
import { careBoardColumns } from './care-board-layout';
import { CareOrderBoard } from './CareOrderBoard';

describe('CareOrderBoard', () => {
  it('shows a labelled column per status with its count, its cards, and how many more the page left out', () => {
    const node = {
      id: 'o1',
      createdAt: '2026-03-04T10:20:00Z',
      scheduledFor: '2026-03-05T01:30:00Z',
      item: { name: '助浴上门' },
      provider: { name: '东方达人 沈雪珍' },
      resident: { name: '罗淑芬', phoneMasked: '139****5678' },
    };
    const html = renderToStaticMarkup(
      <CareOrderBoard columns={careBoardColumns({ scheduled: { totalCount: 2, edges: [{ node }] } })} />,
    );
    expect(html).toContain('<section class="care-column" aria-label="待受理（0）" data-status="PLACED">');
    expect(html).toContain('<h3>已排期（2）</h3>');
    expect(html).toContain(
      '<li class="care-card" data-order="o1"><strong>助浴上门</strong><span class="muted">上门 3月5日 09:30</span>' +
        '<span>服务方：东方达人 沈雪珍</span><span>服务对象：罗淑芬 139****5678</span></li>',
    );
    expect(html).toContain('另有 1 单未显示');
    expect(html.match(/<section/g)).toHaveLength(7);
  });
});
