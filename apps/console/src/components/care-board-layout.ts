import type { CareOrderStatus } from '../graphql/generated';

/** The board's columns, in the order an order goes: taken, set, delivered, rated; then the two ends that stop it. */
export const CARE_BOARD_COLUMNS = [
  { key: 'placed', status: 'PLACED' },
  { key: 'accepted', status: 'ACCEPTED' },
  { key: 'scheduled', status: 'SCHEDULED' },
  { key: 'completed', status: 'COMPLETED' },
  { key: 'rated', status: 'RATED' },
  { key: 'declined', status: 'DECLINED' },
  { key: 'cancelled', status: 'CANCELLED' },
] as const satisfies readonly { key: string; status: CareOrderStatus }[];

export type CareBoardKey = (typeof CARE_BOARD_COLUMNS)[number]['key'];

/** A care order as the board reads it (the CareOrderCard fragment). */
export interface BoardOrder {
  id: string;
  createdAt: string;
  wishedFor?: string | null;
  scheduledFor?: string | null;
  item: { name: string };
  provider: { name: string };
  resident?: { name: string; phoneMasked?: string | null } | null;
}

/** One column's page: null where the API refused it (the answer's errors say why). */
export type BoardPages = Partial<
  Record<CareBoardKey, { totalCount: number; edges: { node: BoardOrder }[] } | null | undefined>
>;

export interface BoardCard {
  id: string;
  item: string;
  /** 上门 3月5日 09:30, 希望 3月5日 09:30 or 下单 3月4日 18:20: the time that matters most at the order's stage. */
  when: string;
  provider: string;
  /** The resident's name and masked phone as the API returned them to the caller; 未公开 when it gave none. */
  recipient: string;
}

export interface BoardColumn {
  status: CareOrderStatus;
  /** How many orders of this status the caller sees in all (the cards may be fewer: one page). */
  totalCount: number;
  cards: BoardCard[];
}

const inChina = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 3月5日 09:30, China time (from the parts, so every browser writes it the same). */
export function shortTime(iso: string): string {
  const part = Object.fromEntries(inChina.formatToParts(new Date(iso)).map(({ type, value }) => [type, value]));
  return `${Number(part.month)}月${Number(part.day)}日 ${part.hour}:${part.minute}`;
}

/** The visit when one is set, else when the resident would like it, else when it was placed. */
export function cardWhen(order: Pick<BoardOrder, 'createdAt' | 'wishedFor' | 'scheduledFor'>): string {
  if (order.scheduledFor) return `上门 ${shortTime(order.scheduledFor)}`;
  if (order.wishedFor) return `希望 ${shortTime(order.wishedFor)}`;
  return `下单 ${shortTime(order.createdAt)}`;
}

export function recipientOf(resident: BoardOrder['resident']): string {
  if (!resident) return '未公开';
  return resident.phoneMasked ? `${resident.name} ${resident.phoneMasked}` : resident.name;
}

/** Every status's column, empty ones included, with its cards as the API ordered them (newest first). */
export function careBoardColumns(pages: BoardPages): BoardColumn[] {
  return CARE_BOARD_COLUMNS.map(({ key, status }) => {
    const page = pages[key];
    return {
      status,
      totalCount: page?.totalCount ?? 0,
      cards: (page?.edges ?? []).map(({ node }) => ({
        id: node.id,
        item: node.item.name,
        when: cardWhen(node),
        provider: node.provider.name,
        recipient: recipientOf(node.resident),
      })),
    };
  });
}
