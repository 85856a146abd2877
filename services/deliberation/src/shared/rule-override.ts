import { ruleOverridden } from '@gongzhi/contracts';
import type { OutboxPublisher } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ClientSession } from 'mongoose';
import { Stamped } from './actor-ref';

/** A rule of deliberation's process that can be set aside on purpose, by the code it is otherwise refused with. */
export type OverridableRule =
  'NOTICE.WINDOW_TOO_SHORT' | 'MEETING.NOT_YET_DUE' | 'MOTION.NO_MILESTONE' | 'MOTION.NO_RATING';

/** What an override is about: its type, id and community (for the auditors of that community). */
export interface OverriddenSubject {
  type: string;
  id: string;
  communityId: string;
}

/** A motion, as the subject of an override. */
export const motionSubject = (motion: { id: string; communityId: string }): OverriddenSubject => ({
  type: 'Motion',
  id: motion.id,
  communityId: motion.communityId,
});

/**
 * Records, with the step it excuses, that `rule` was set aside on `subject` and why: the audit trail keeps it. Does
 * nothing when no override was needed (`reason` undefined).
 */
export async function recordOverride(
  outbox: OutboxPublisher,
  session: ClientSession,
  rule: OverridableRule,
  subject: OverriddenSubject,
  reason: string | undefined,
): Promise<void> {
  if (reason === undefined) return;
  await outbox.record(
    ruleOverridden,
    { rule, subjectType: subject.type, subjectId: subject.id, communityId: subject.communityId, reason },
    { session },
  );
}

/** An override kept on the record it excuses (a meeting minuted before its time), where there is no step history. */
@ObjectType({ description: 'A rule set aside on purpose: which, why, by whom and when.' })
@Schema({ _id: false })
export class RecordedOverride extends Stamped {
  @Field({
    description: 'The rule set aside, by the error code it is otherwise refused with, e.g. MEETING.NOT_YET_DUE.',
  })
  @Prop({ required: true })
  rule!: string;

  @Field({ description: 'Why.' })
  @Prop({ required: true })
  reason!: string;
}
export const RecordedOverrideSchema = SchemaFactory.createForClass(RecordedOverride);
