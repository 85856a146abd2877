import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PersonalDataCipher, SealedField, SealedValue } from './personal-data-cipher';

/** A sealed value as a resident record stores it (see PersonalDataCipher). */
@Schema({ _id: false })
export class SealedValueRecord implements SealedValue {
  @Prop({ required: true })
  keyId!: string;

  @Prop({ required: true })
  data!: string;

  @Prop({ required: true })
  lookup!: string;
}
export const SealedValueSchema = SchemaFactory.createForClass(SealedValueRecord);

/** Where a resident record keeps each sealed field. Before sealing (and in old demo data) the clear value sat at the field's own name. */
export const SEALED_PATHS: Record<SealedField, 'phoneSealed' | 'idNumberSealed'> = {
  phone: 'phoneSealed',
  idNumber: 'idNumberSealed',
};
export const SEALED_FIELDS = Object.keys(SEALED_PATHS) as SealedField[];

export type ResidentContact = Partial<Record<SealedField, string | null | undefined>>;
export type SealedContact = Partial<Record<(typeof SEALED_PATHS)[SealedField], SealedValue>>;

/** What a resident record stores of the numbers given: each sealed for this record, nothing for a number not given. */
export function sealResidentContact(
  cipher: PersonalDataCipher,
  residentId: unknown,
  contact: ResidentContact,
): SealedContact {
  const sealed: SealedContact = {};
  for (const field of SEALED_FIELDS) {
    const value = contact[field];
    if (value) sealed[SEALED_PATHS[field]] = cipher.seal(field, residentId, value);
  }
  return sealed;
}

/** The clear number of a resident record, or null when it has none. */
export function openResidentContact(
  cipher: PersonalDataCipher,
  resident: { _id: unknown } & SealedContact,
  field: SealedField,
): string | null {
  const sealed = resident[SEALED_PATHS[field]];
  return sealed ? cipher.open(field, resident._id, sealed) : null;
}

/** A filter for the residents whose `field` is `value`, under any key of the ring (rotation keeps lookups working). */
export function residentsWith(cipher: PersonalDataCipher, field: SealedField, value: string): Record<string, unknown> {
  return { [`${SEALED_PATHS[field]}.lookup`]: { $in: cipher.lookups(field, value) } };
}
