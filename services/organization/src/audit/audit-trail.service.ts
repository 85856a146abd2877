import type { Actor } from '@gongzhi/contracts';
import {
  ConnectionArgs,
  currentActor,
  EventConsumers,
  isTrustedService,
  jurisdictionFilter,
  paginate,
} from '@gongzhi/platform';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Model, QueryFilter } from 'mongoose';
import { AUDITED_EVENTS, auditEntryOf } from './audit-entry.mapping';
import { AuditEntry } from './audit-entry.schema';
import { AuditPlaces, auditedThingOf, auditedThingOfEntry } from './audit-places';

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
 * The access-audit trail: a durable consumer turns each access event of any subgraph into one entry, placed in the
 * communities it belongs to, in the transaction that marks the event handled, so a redelivered event never makes a
 * second one. An auditor reads the entries of the communities they are bound over.
 */
@Injectable()
export class AuditTrailService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(AuditTrailService.name);

  constructor(
    @InjectModel(AuditEntry.name) private readonly entries: Model<AuditEntry>,
    private readonly consumers: EventConsumers,
    private readonly places: AuditPlaces,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'audit-trail',
      events: AUDITED_EVENTS,
      handle: async (event, session) => {
        const communityIds = await this.places.communityIdsOf(auditedThingOf(event), session);
        await this.entries.create([{ ...auditEntryOf(event), communityIds }], { session });
      },
    });
  }

  /** Entries kept before they were placed get their communities once, at start; each is set only while still unplaced. */
  async onApplicationBootstrap(): Promise<void> {
    let placed = 0;
    for await (const entry of this.entries
      .find({ communityIds: { $exists: false } })
      .lean()
      .cursor()) {
      const communityIds = await this.places.communityIdsOf(auditedThingOfEntry(entry));
      const { modifiedCount } = await this.entries.updateOne(
        { _id: entry._id, communityIds: { $exists: false } },
        { $set: { communityIds } },
      );
      placed += modifiedCount;
    }
    if (placed > 0) this.logger.log(`placed ${placed} audit entries kept before entries had communities`);
  }

  /** Newest first: everything for a service, the entries of their communities for an auditor. */
  list({ subjectId, actorId, kind, ...page }: AuditTrailArgs, actor: Actor = currentActor()) {
    const filter: QueryFilter<AuditEntry> = isTrustedService(actor)
      ? {}
      : (jurisdictionFilter(['AUDITOR'], actor, { communityId: 'communityIds' }) ?? { _id: { $exists: false } });
    if (subjectId) filter.subjectId = subjectId;
    if (actorId) filter['actor.id'] = actorId;
    if (kind) filter.kind = kind;
    return paginate(this.entries, filter, page, { sortBy: 'at', direction: -1 });
  }
}
