import { Connection, requirePermission } from '@gongzhi/platform';
import { Args, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AuditEntry } from './audit-entry.schema';
import { mayReadAuditTrail } from './audit.access';
import { AuditTrailArgs, AuditTrailService } from './audit-trail.service';

@ObjectType({ description: 'A page of access-audit entries.' })
export class AuditEntryConnection extends Connection(AuditEntry) {}

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly trail: AuditTrailService) {}

  @Query(() => AuditEntryConnection, {
    nullable: true,
    description:
      'The access-audit trail, newest first: reads of sensitive records, role and API-key changes, key use, consents, changes of a unit\u2019s owners. Auditors only, each the entries of the communities they are bound over.',
  })
  auditTrail(@Args() args: AuditTrailArgs) {
    requirePermission(mayReadAuditTrail());
    return this.trail.list(args);
  }
}
