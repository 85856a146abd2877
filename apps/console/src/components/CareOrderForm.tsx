import { type FormEvent, useState } from 'react';
import type { ApiError } from '../api/client';
import type { PlaceCareOrderInput } from '../graphql/generated';
import { ORDER_MESSAGES } from '../api/messages';
import { AGE_BAND_LABELS } from '../labels';
import { ActionResult } from './ActionResult';
import {
  type CatalogueItem,
  fitsAgeBand,
  itemLabel,
  orderableItems,
  placeCareOrderInput,
  type Recipient,
  recipientLabel,
} from './care-order-form';
import { SelectField } from './FormFields';

export interface CareOrderFormProps {
  /** The community's catalogue; items run in sessions are left out (they are booked, not ordered). */
  items: CatalogueItem[];
  /** Whom the caller may order for, as the API showed them. */
  recipients: Recipient[];
  /** Looks residents up by part of the name (staff ordering on a resident's behalf). */
  onSearch: (search: string) => void;
  /** Sends the order; true when it went through (the form then starts again). */
  onPlace: (input: PlaceCareOrderInput) => Promise<boolean>;
  pending: boolean;
  errors: ApiError[];
  done?: string;
}

/**
 * Ordering a care item (点单): an item of the community's catalogue, whom it is for, the provider where the item has
 * several, and if wished a time and a note. The API decides who may order for whom and answers its codes as sentences.
 */
export function CareOrderForm({ items, recipients, onSearch, onPlace, pending, errors, done }: CareOrderFormProps) {
  const orderable = orderableItems(items);
  const [itemId, setItemId] = useState('');
  const [residentId, setResidentId] = useState('');
  const [providerId, setProviderId] = useState('');
  const [wishedFor, setWishedFor] = useState('');
  const [note, setNote] = useState('');
  const [search, setSearch] = useState('');
  const item = orderable.find((candidate) => candidate.id === itemId);
  const recipient = recipients.find((candidate) => candidate.id === residentId);
  const providers = item?.providers.edges.map((edge) => edge.node) ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onPlace(placeCareOrderInput({ itemId, residentId, providerId, wishedFor, note }))) {
      setItemId('');
      setProviderId('');
      setWishedFor('');
      setNote('');
    }
  };
  return (
    <form className="action-form" onSubmit={(event) => void submit(event)} aria-labelledby="order-heading">
      <h3 id="order-heading">点单：助老助幼服务</h3>
      <SelectField
        id="order-item"
        label="服务项目"
        value={itemId}
        onChange={(value) => {
          setItemId(value);
          setProviderId('');
        }}
        placeholder="请选择"
        options={orderable.map((candidate) => ({ value: candidate.id, label: itemLabel(candidate) }))}
      />
      <label htmlFor="order-search">查找居民</label>
      <span className="inline-search">
        <input
          id="order-search"
          type="search"
          maxLength={20}
          value={search}
          placeholder="姓名中的字"
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="button" onClick={() => onSearch(search.trim())}>
          查找
        </button>
      </span>
      <SelectField
        id="order-resident"
        label="服务对象"
        value={residentId}
        onChange={setResidentId}
        placeholder={recipients.length > 0 ? '请选择' : '没有可选的居民'}
        options={recipients.map((candidate) => ({ value: candidate.id, label: recipientLabel(candidate) }))}
      />
      {item && recipient && !fitsAgeBand(item, recipient) && (
        <p className="muted" data-testid="order-age-hint">
          {item.name}只面向{item.eligibility.ageBands.map((band) => AGE_BAND_LABELS[band]).join('、')}的居民
        </p>
      )}
      {providers.length > 1 ? (
        <SelectField
          id="order-provider"
          label="服务方"
          value={providerId}
          onChange={setProviderId}
          placeholder="请选择"
          options={providers.map((provider) => ({ value: provider.id, label: provider.name }))}
        />
      ) : providers.length === 1 ? (
        <p className="muted">服务方：{providers[0].name}</p>
      ) : null}
      <label htmlFor="order-wished">希望时间（可不填）</label>
      <input
        id="order-wished"
        type="datetime-local"
        value={wishedFor}
        onChange={(event) => setWishedFor(event.target.value)}
      />
      <label htmlFor="order-note">给服务方的留言（可不填）</label>
      <textarea
        id="order-note"
        rows={2}
        maxLength={500}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <button type="submit" disabled={pending}>
        下单
      </button>
      <ActionResult errors={errors} done={done} overrides={ORDER_MESSAGES} />
    </form>
  );
}
