import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

@ObjectType({ description: 'Who acted: a person (their sign-in subject), a partner unit (and its key) or a service.' })
@Schema({ _id: false })
export class AuditActor {
  @Field({ description: 'person, partner or service.' })
  @Prop({ required: true })
  kind!: string;

  @Field({ description: "The actor's id: a person's sign-in subject, a partner unit's id or a service's name." })
  @Prop({ required: true })
  id!: string;

  @Field({ nullable: true, description: "A partner's calls: which of its API keys." })
  @Prop()
  apiKeyId?: string;
}
const AuditActorSchema = SchemaFactory.createForClass(AuditActor);

/**
 * One fact of the access-audit trail, from the events of any subgraph: a read of a sensitive record, a role granted
 * or revoked, a partner key issued, rotated, revoked or used, a consent given or withdrawn. Written once per event,
 * never changed.
 */
@ObjectType({
  description: 'An entry of the access-audit trail (PIPL): who read or changed access to what, when and why.',
})
@Schema({ collection: 'audit_entries', versionKey: false })
export class AuditEntry {
  @Field(() => ID, { description: "The entry's id." })
  id!: string;

  @Field({ description: 'The event this entry records, to trace it through the logs.' })
  @Prop({ required: true })
  eventId!: string;

  @Field({ description: "When the fact happened (the event's occurredAt)." })
  @Prop({ required: true })
  at!: Date;

  @Field({ description: 'The event type, e.g. access.sensitive-record.read or partner.api-key.issued.' })
  @Prop({ required: true })
  kind!: string;

  @Field(() => AuditActor, { nullable: true, description: 'Absent for facts no caller caused.' })
  @Prop({ type: AuditActorSchema })
  actor?: AuditActor;

  @Field({ description: 'Resident, RoleBinding, ApiKey, Consent, CarePlan…' })
  @Prop({ required: true })
  subjectType!: string;

  @Field({ description: 'The id of the record the fact is about, of type subjectType.' })
  @Prop({ required: true })
  subjectId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The resident the subject is about, when it is not the resident itself.',
  })
  @Prop({ type: String, default: null })
  residentId!: string | null;

  @Field(() => [String], { description: 'A read: the fields read.' })
  @Prop({ type: [String], default: [] })
  fields!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'A read: the purpose the caller stated; a consent: what it covers.',
  })
  @Prop({ type: String, default: null })
  purpose!: string | null;

  @Field({
    description: 'The service that recorded the fact: organization, services, facilities, deliberation or the gateway.',
  })
  @Prop({ required: true })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The id of the request that caused the fact, to trace it through the logs; null when there was none.',
  })
  @Prop({ type: String, default: null })
  requestId!: string | null;

  @Field({ description: 'The details in one line.' })
  @Prop({ required: true })
  summary!: string;

  /**
   * The communities the fact belongs to (audit-places.ts): an auditor reads the entries of the communities they are
   * bound over. Empty: placed nowhere, for ops tooling only. Absent on entries kept before, until the back-fill at start.
   */
  @Prop({ type: [String], default: undefined })
  communityIds?: string[];
}

export type AuditEntryDocument = HydratedDocument<AuditEntry>;
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
// The trail is read newest first, whole or by subject, actor or kind.
AuditEntrySchema.index({ at: -1, _id: -1 });
AuditEntrySchema.index({ subjectId: 1, at: -1, _id: -1 });
AuditEntrySchema.index({ 'actor.id': 1, at: -1, _id: -1 });
AuditEntrySchema.index({ kind: 1, at: -1, _id: -1 });
AuditEntrySchema.index({ communityIds: 1, at: -1, _id: -1 });
