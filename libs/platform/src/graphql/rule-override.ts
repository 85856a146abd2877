import { Field, InputType } from '@nestjs/graphql';
import { Length } from 'class-validator';

/**
 * A rule of the process set aside on purpose (issue 15): a notice shorter than the minimum, a meeting minuted before
 * its time, work completed with no milestone. Only someone entitled to it may send one; the reason is kept with the
 * step (its history note and who took it) and in the audit trail (`governance.rule.overridden`).
 */
@InputType({
  description:
    'A deliberate override of a rule of the process, by someone entitled to it: the reason is kept in the step’s history and the audit trail.',
})
export class RuleOverrideInput {
  @Field({
    description: 'Why the rule is set aside here, e.g. 街道批准：汛期抢修，公示期缩短为2天. 5 to 500 characters.',
  })
  @Length(5, 500)
  reason!: string;
}

/** The history note of a step taken under an override: what was set aside, and why. */
export function overrideNote(rule: string, reason: string, note?: string | null): string {
  return `${note ? `${note}\n` : ''}[override ${rule}] ${reason}`;
}
