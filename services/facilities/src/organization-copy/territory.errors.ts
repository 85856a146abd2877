import { DomainError } from '@gongzhi/platform';
import type { PlaceKind } from './known-place.schema';

export const TerritoryErrors = {
  /** Unknown to facilities: a wrong id, or organization's event about it has not arrived yet. */
  placeNotFound: (id: string, kinds: readonly PlaceKind[]) =>
    new DomainError(
      'PLACE.NOT_FOUND',
      `No ${kinds.map((kind) => kind.toLowerCase()).join(' or ')} ${id} is known here`,
      { id, kinds },
    ),
};
