import type { Actor } from '@gongzhi/contracts';
import { currentActor, isTrustedService } from '@gongzhi/platform';
import type { ClientSession, Model, QueryFilter, Types } from 'mongoose';
import { isChildUnder14 } from '../organization-copy/age-band';
import {
  ConsentKind,
  type ConsentPurpose,
  type DirectoryResident,
  consentCovering,
  hasConsentInForce,
} from '../organization-copy/directory.schema';
import type { ResidentDirectory, WithdrawnConsent } from '../organization-copy/directory.service';
import { CancellationCause } from './cancellation.schema';
import type { ProvidedCare } from './provided-care.schema';

/** The errors a feature answers when the consent care needs is missing, each naming the purpose. */
export interface ConsentRefusals {
  /** A child under 14: no guardian's consent in force covers the purpose. */
  guardianConsentRequired: (residentId: string, purpose: ConsentPurpose) => Error;
  /** From 14, arranged by someone else: no consent of the resident's own in force covers the purpose. */
  consentRequired: (residentId: string, purpose: ConsentPurpose) => Error;
}

/** The consent care rests on, as `holdLivingResident` checks it again inside the write's transaction. */
export interface RestsOn {
  kind: ConsentKind;
  consentId: string;
  orElse: () => Error;
}

/**
 * The consent that care of `purpose` (an item's category, or FAMILY_DOCTOR) arranged for `resident` by the caller
 * rests on. A child under 14: a guardian's consent covering the purpose, whoever arranges it (PIPL art. 31). From 14,
 * arranged by someone else — a family member, a grid worker, the community office: the resident's own consent
 * (SENSITIVE_DATA) covering it. None is needed when the resident arranges it themself, or a trusted service does.
 * Throws the refusal naming the purpose that is not covered.
 */
export function consentToArrange(
  resident: Pick<DirectoryResident, 'ageBand' | 'consents'> & { _id: unknown },
  purpose: ConsentPurpose,
  refusals: ConsentRefusals,
  actor: Actor = currentActor(),
): RestsOn | null {
  const residentId = String(resident._id);
  const child = isChildUnder14(resident.ageBand);
  if (!child && (isTrustedService(actor) || (actor.kind === 'person' && actor.residentId === residentId))) return null;
  const kind = child ? ConsentKind.GUARDIAN : ConsentKind.SENSITIVE_DATA;
  const refuse = () =>
    child ? refusals.guardianConsentRequired(residentId, purpose) : refusals.consentRequired(residentId, purpose);
  const consent = consentCovering(resident, kind, purpose);
  if (!consent) throw refuse();
  return { kind, consentId: consent.consentId, orElse: refuse };
}

/** What a record keeps of the consent it rests on. */
export function restingOn(
  purpose: ConsentPurpose,
  consent: RestsOn | null,
): Pick<ProvidedCare, 'purpose' | 'consentId'> {
  return { purpose, consentId: consent?.consentId ?? null };
}

/** Why care that rested on a withdrawn consent closes: the guardian's (a child's care) or the resident's own. */
export function cancellationCauseOf(withdrawn: WithdrawnConsent): CancellationCause {
  return withdrawn.kind === ConsentKind.GUARDIAN
    ? CancellationCause.GUARDIAN_CONSENT_WITHDRAWN
    : CancellationCause.CONSENT_WITHDRAWN;
}

/**
 * Of the open records `open` selects, those that rested on the withdrawn consent and that no other consent in force
 * covers: the caller closes them. One that another consent of the same kind covers (the other parent's) stays and
 * rests on that one from now on. A child's care arranged before consents named purposes (no consent kept) rested on
 * any guardian's consent: it goes when none is left in force. Runs in the consumer's transaction.
 */
export async function careLosingItsConsent<T extends ProvidedCare>(
  records: Model<T>,
  open: QueryFilter<T>,
  withdrawn: WithdrawnConsent,
  directory: ResidentDirectory,
  session: ClientSession,
): Promise<Types.ObjectId[]> {
  const resident = await directory.residents.findById(withdrawn.residentId, null, { session }).exec();
  if (!resident) return [];
  const earlier = withdrawn.kind === ConsentKind.GUARDIAN ? [{ consentId: null, childUnder14: true }] : [];
  const candidates = await records
    .find(
      {
        ...open,
        residentId: withdrawn.residentId,
        $or: [{ consentId: withdrawn.consentId }, ...earlier],
      } as QueryFilter<T>,
      { _id: 1, purpose: 1, consentId: 1 },
      { session },
    )
    .lean<Array<Pick<ProvidedCare, 'purpose' | 'consentId'> & { _id: Types.ObjectId }>>()
    .exec();
  const losing: Types.ObjectId[] = [];
  for (const record of candidates) {
    if (record.consentId == null) {
      if (!hasConsentInForce(resident, ConsentKind.GUARDIAN)) losing.push(record._id);
      continue;
    }
    const other = record.purpose ? consentCovering(resident, withdrawn.kind, record.purpose) : undefined;
    if (other)
      await records.updateOne(
        { _id: record._id } as QueryFilter<T>,
        { $set: { consentId: other.consentId } },
        { session },
      );
    else losing.push(record._id);
  }
  return losing;
}
