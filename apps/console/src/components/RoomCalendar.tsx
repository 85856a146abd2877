import { calendarRows, type Cell, dayHeading, type Slot } from './room-calendar-layout';

const CELL_TEXT: Record<Cell, string> = { free: '空闲', taken: '已约', closed: '—' };

/** A room's week, read only: which slots are free and which are taken (who booked them is not shown). */
export function RoomCalendar({ dates, days, roomName }: { dates: string[]; days: Slot[][]; roomName: string }) {
  const rows = calendarRows(days);
  if (rows.length === 0) return <p className="muted">这一周没有开放时段</p>;
  return (
    <table className="room-calendar" data-testid="room-calendar">
      <caption>{roomName} 一周预约情况（北京时间）</caption>
      <thead>
        <tr>
          <th scope="col">时段</th>
          {dates.map((date) => (
            <th scope="col" key={date}>
              {dayHeading(date)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.time}>
            <th scope="row">{row.time}</th>
            {row.cells.map((cell, day) => (
              <td key={dates[day]} className={`slot slot-${cell}`}>
                {CELL_TEXT[cell]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
