import type { AgeBand, CareCategory, CostKind, PlaceCareOrderInput } from '../graphql/generated';
import { AGE_BAND_LABELS } from '../labels';

/** A catalogue item as the order form reads it (the CareCatalogue query). */
export interface CatalogueItem {
  id: string;
  name: string;
  category: CareCategory;
  delivery: 'ON_REQUEST' | 'IN_SESSIONS';
  eligibility: { ageBands: AgeBand[] };
  cost: { kind: CostKind; priceFen: number; fullPriceFen?: number | null; unit: string };
  providers: { edges: { node: { id: string; name: string } }[] };
}

/** Someone the caller may order for, as the API showed them (the CareRecipients query). */
export interface Recipient {
  id: string;
  name: string;
  ageBand: AgeBand;
  household?: { unitNumber: string; building: { name: string } } | null;
}

/** 8元, 0.5元: fen as yuan, without trailing zeros. */
export const yuan = (fen: number) => `${Number((fen / 100).toFixed(2))}元`;

/** What the resident pays: 免费, 8元/餐（原价15元）, 60元/次. */
export function costLabel({ kind, priceFen, fullPriceFen, unit }: CatalogueItem['cost']): string {
  if (kind === 'FREE') return '免费';
  const price = `${yuan(priceFen)}/${unit}`;
  return kind === 'SUBSIDISED' && fullPriceFen ? `${price}（原价${yuan(fullPriceFen)}）` : price;
}

/** Only what is ordered one at a time (点单): an item run in sessions is booked into one instead. */
export const orderableItems = (items: CatalogueItem[]) => items.filter((item) => item.delivery === 'ON_REQUEST');

/** 上门探访 · 免费 · 60–79岁、80岁及以上: what an option says of an item. */
export function itemLabel(item: CatalogueItem): string {
  return `${item.name} · ${costLabel(item.cost)} · ${item.eligibility.ageBands.map((band) => AGE_BAND_LABELS[band]).join('、')}`;
}

/** 罗淑芬（3幢 302室，60–79岁）: enough to tell two residents of one name apart. */
export function recipientLabel(recipient: Recipient): string {
  const home = recipient.household ? `${recipient.household.building.name} ${recipient.household.unitNumber}，` : '';
  return `${recipient.name}（${home}${AGE_BAND_LABELS[recipient.ageBand]}）`;
}

/** Whether the item is for the recipient's age band (the API decides; the form says it before sending). */
export const fitsAgeBand = (item: CatalogueItem, recipient: Recipient) =>
  item.eligibility.ageBands.includes(recipient.ageBand);

/**
 * A `datetime-local` value (2026-03-05T09:30), read as China time as the whole console writes times, as an instant;
 * undefined when empty or not a time.
 */
export function chinaTimeToIso(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return undefined;
  const at = new Date(`${local}:00+08:00`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

export interface OrderChoices {
  itemId: string;
  residentId: string;
  providerId: string;
  wishedFor: string;
  note: string;
}

/** placeCareOrder's input from what the form holds: only what was chosen or written. */
export function placeCareOrderInput(choices: OrderChoices): PlaceCareOrderInput {
  const wishedFor = chinaTimeToIso(choices.wishedFor);
  const note = choices.note.trim();
  return {
    itemId: choices.itemId,
    residentId: choices.residentId,
    ...(choices.providerId && { providerId: choices.providerId }),
    ...(wishedFor && { wishedFor }),
    ...(note && { note }),
  };
}
