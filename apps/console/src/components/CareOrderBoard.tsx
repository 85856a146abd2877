import { CARE_ORDER_STATUS_LABELS } from '../labels';
import type { BoardColumn } from './care-board-layout';

/**
 * Care orders on a board, a column per status (careBoardColumns builds them): each card the item, when, the provider
 * and the resident as the API returned them to the signed-in person.
 */
export function CareOrderBoard({ columns }: { columns: BoardColumn[] }) {
  return (
    <div className="care-board" data-testid="care-board">
      {columns.map((column) => {
        const label = `${CARE_ORDER_STATUS_LABELS[column.status]}（${column.totalCount}）`;
        return (
          <section key={column.status} className="care-column" aria-label={label} data-status={column.status}>
            <h3>{label}</h3>
            {column.cards.length > 0 ? (
              <ul className="plain">
                {column.cards.map((card) => (
                  <li key={card.id} className="care-card" data-order={card.id}>
                    <strong>{card.item}</strong>
                    <span className="muted">{card.when}</span>
                    <span>服务方：{card.provider}</span>
                    <span>服务对象：{card.recipient}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">无</p>
            )}
            {column.totalCount > column.cards.length && (
              <p className="muted">另有 {column.totalCount - column.cards.length} 单未显示</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
