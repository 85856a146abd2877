import { selectedFieldNames, SensitiveReadAudit } from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';

/** A record of services about a resident: whether it is about a child under 14 is kept on the record itself. */
export interface RecordAboutResident {
  id: string;
  residentId: unknown;
  childUnder14: boolean;
}

/**
 * The audit of sensitive reads (PIPL), naming the fields the operation selected. Every read of a record about a child
 * under 14 — an order, a booking, a care profile — by whatever path, and every read of health data (health notes, an
 * appointment with the family doctor), leaves one entry per record. Each resolves once its entries are written: a record whose read could not be audited is not handed out.
 */
@Injectable()
export class CareReadAudit {
  constructor(private readonly audit: SensitiveReadAudit) {}

  /** `typeName` is the GraphQL type handed out; `path` leads from the resolver's field to it (['edges', 'node']). */
  childRecords(
    records: RecordAboutResident[],
    info: GraphQLResolveInfo,
    typeName: string,
    path: readonly string[] = [],
  ): Promise<void> {
    return this.recordReads(
      records.filter((record) => record.childUnder14),
      'CHILD_UNDER_14',
      info,
      typeName,
      path,
    );
  }

  /** Records that are health data as a whole (an appointment with the family doctor). */
  healthRecords(
    records: RecordAboutResident[],
    info: GraphQLResolveInfo,
    typeName: string,
    path: readonly string[] = [],
  ): Promise<void> {
    return this.recordReads(records, 'HEALTH', info, typeName, path);
  }

  private async recordReads(
    records: RecordAboutResident[],
    category: 'HEALTH' | 'CHILD_UNDER_14',
    info: GraphQLResolveInfo,
    typeName: string,
    path: readonly string[],
  ) {
    if (records.length === 0) return;
    const fields = fieldsRead(info, typeName, path);
    await Promise.all(
      records.map((record) =>
        this.audit.recordRead({
          subjectType: typeName,
          subjectId: record.id,
          residentId: String(record.residentId),
          category,
          fields,
        }),
      ),
    );
  }

  /** From the resolver of the field holding the health notes (of type `typeName`) of `record`. */
  health(record: RecordAboutResident, info: GraphQLResolveInfo, typeName: string): Promise<void> {
    const fields = fieldsRead(info, typeName).map((field) => `${info.fieldName}.${field}`);
    return this.audit.recordRead({
      subjectType: info.parentType.name,
      subjectId: record.id,
      residentId: String(record.residentId),
      category: 'HEALTH',
      fields,
    });
  }
}

/** Asking for nothing but __typename still learns that the record exists. */
function fieldsRead(info: GraphQLResolveInfo, typeName: string, path: readonly string[] = []): string[] {
  const selected = selectedFieldNames(info, typeName, path);
  return selected.length > 0 ? selected : ['id'];
}
