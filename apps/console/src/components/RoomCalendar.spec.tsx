import { renderToStaticMarkup } from 'react-dom/server';
import { RoomCalendar } from './RoomCalendar';

describe('RoomCalendar', () => {
  it('shows a week as a table with headed rows and columns, free and taken slots told apart in words', () => {
    const at = (time: string) => new Date(`2026-03-02T${time}:00+08:00`).toISOString();
    const html = renderToStaticMarkup(
      <RoomCalendar
        roomName="党群会客厅 活力社"
        dates={['2026-03-02', '2026-03-03']}
        days={[
          [
            { startsAt: at('09:00'), endsAt: at('09:30'), free: true },
            { startsAt: at('09:30'), endsAt: at('10:00'), free: false },
          ],
          [],
        ]}
      />,
    );
    expect(html).toContain('<caption>党群会客厅 活力社 一周预约情况（北京时间）</caption>');
    expect(html).toContain('<th scope="col">周一 3/2</th><th scope="col">周二 3/3</th>');
    expect(html).toContain(
      '<th scope="row">09:00</th><td class="slot slot-free">空闲</td><td class="slot slot-closed">—</td>',
    );
    expect(html).toContain('<th scope="row">09:30</th><td class="slot slot-taken">已约</td>');
  });

  it('says so when the room has no open slot that week', () => {
    expect(renderToStaticMarkup(<RoomCalendar roomName="象棋室" dates={['2026-03-02']} days={[[]]} />)).toContain(
      '这一周没有开放时段',
    );
  });
});
