import { selectedFieldNames, SensitiveReadAudit } from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { isChildUnder14 } from './territory.access';
import type { Resident } from './territory.schema';

/**
 * Every read of a child's record (PIPL: all data about a child under 14 is sensitive), by whatever path — a query,
 * a list, a household's residents, an entity reference, a mutation's answer — leaves one audit event per record,
 * naming the fields the operation selected on it.
 */
@Injectable()
export class ResidentReadAudit {
  constructor(private readonly audit: SensitiveReadAudit) {}

  /**
   * Resolves once the reads are recorded: a record whose read could not be audited is not handed out. `path` leads
   * from the resolver's field to the residents (['edges', 'node'] for a connection).
   */
  async recordReads(
    residents: (Pick<Resident, 'ageBand'> & { id: string })[],
    info: GraphQLResolveInfo,
    path: readonly string[] = [],
  ): Promise<void> {
    const children = residents.filter(isChildUnder14);
    if (children.length === 0) return;
    const selected = selectedFieldNames(info, 'Resident', path);
    // Asking for nothing but __typename still learns that the record exists.
    const fields = selected.length > 0 ? selected : ['id'];
    await Promise.all(
      children.map((child) =>
        this.audit.recordRead({
          subjectType: 'Resident',
          subjectId: child.id,
          residentId: null,
          category: 'CHILD_UNDER_14',
          fields,
        }),
      ),
    );
  }
}
