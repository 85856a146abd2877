import {
  type GraphQLRequestContext,
  loadById,
  ReferenceContext,
  ReferenceInfo,
  requirePermission,
  selectedFieldNames,
  SensitiveReadAudit,
} from '@gongzhi/platform';
import { Parent, Resolver, ResolveReference } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PersonalDataCipher } from '../../personal-data/personal-data-cipher';
import { openResidentContact } from '../../personal-data/resident-contact';
import { maskPhone } from '../resident-id-number';
import { TerritoryService } from '../territory.service';
import { mayReadRecipient } from './care-recipients.access';
import { CareDeliveries } from './care-recipients.service';
import { CareRecipient } from './care-recipient.types';

/**
 * A care order's recipient, for the provider delivering it: services hands the gateway the reference (the order's id),
 * organization checks the caller against who delivers the order, and audits every read it hands out.
 */
@Resolver(() => CareRecipient)
export class CareRecipientResolver {
  constructor(
    private readonly deliveries: CareDeliveries,
    private readonly territory: TerritoryService,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: SensitiveReadAudit,
  ) {}

  @ResolveReference()
  async resolveReference(
    @Parent() reference: { id: string },
    @ReferenceContext() { loaders }: GraphQLRequestContext,
    @ReferenceInfo() info: GraphQLResolveInfo,
  ): Promise<CareRecipient | null> {
    const delivery = await this.deliveries.load(loaders, reference.id);
    // Not yet (or never) known from services' events, or only from a step before its placing: nothing to hand out.
    if (!delivery?.residentId) return null;
    requirePermission(mayReadRecipient(delivery, await this.deliveries.volunteerResidentIds(delivery)));
    const resident = await loadById(loaders, this.territory.residents, delivery.residentId);
    if (!resident) return null;
    const [household, building, compound] = await Promise.all([
      loadById(loaders, this.territory.households, resident.householdId),
      loadById(loaders, this.territory.buildings, resident.buildingId),
      loadById(loaders, this.territory.compounds, resident.compoundId),
    ]);
    const selected = selectedFieldNames(info, 'CareRecipient');
    await this.audit.recordRead({
      subjectType: 'CareRecipient',
      subjectId: reference.id,
      residentId: String(resident._id),
      category: 'PERSONAL_CONTACT',
      fields: selected.length > 0 ? selected : ['id'],
    });
    const phone = openResidentContact(this.cipher, resident, 'phone');
    // The consent to share covers the order's category (an order placed before categories were carried: any).
    const phoneShared = resident.consents.some(
      (consent) =>
        consent.kind === 'SHARE_WITH_PROVIDERS' &&
        !consent.withdrawnAt &&
        (delivery.category === null || (consent.purposes ?? []).some((purpose) => purpose === delivery.category)),
    );
    return {
      id: reference.id,
      name: resident.name,
      address: [compound?.name, building?.name, household?.unitNumber].filter(Boolean).join(' '),
      phone: phone && (phoneShared ? phone : maskPhone(phone)),
      phoneShared,
    };
  }
}
