import { ConnectionArgs, EventConsumers, paginate } from '@gongzhi/platform';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Model, QueryFilter } from 'mongoose';
import { AUDITED_EVENTS, auditEntryOf } from './audit-entry.mapping';
import { AuditEntry } from './audit-entry.schema';

@ArgsType()
export class AuditTrailArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Entries about this record: a resident, an API key, a role binding…',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  subjectId?: string;

  @Field(() => ID, { nullable: true, description: "Entries caused by this person's subject, partner unit or service." })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  actorId?: string;

  @Field({ nullable: true, description: 'The event type, e.g. access.sensitive-record.read.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  kind?: string;
}

/**
 * The access-audit trail: a durable consumer turns each access event of any subgraph into one entry, in the
 * transaction that marks the event handled, so a redelivered event never makes a second one.
 */
@Injectable()
export class AuditTrailService implements OnModuleInit {
  constructor(
    @InjectModel(AuditEntry.name) private readonly entries: Model<AuditEntry>,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'audit-trail',
      events: AUDITED_EVENTS,
      handle: async (event, session) => {
        await this.entries.create([auditEntryOf(event)], { session });
      },
    });
  }

  /** Newest first. */
  list({ subjectId, actorId, kind, ...page }: AuditTrailArgs) {
    const filter: QueryFilter<AuditEntry> = {};
    if (subjectId) filter.subjectId = subjectId;
    if (actorId) filter['actor.id'] = actorId;
    if (kind) filter.kind = kind;
    return paginate(this.entries, filter, page, { sortBy: 'at', direction: -1 });
  }
}
