import { Field, ObjectType } from '@nestjs/graphql';
import { Prop } from '@nestjs/mongoose';

/**
 * The base of an `XStep` (docs/api-conventions.md, "State machines"): one change of an entity's status, kept inside
 * the entity and paged as its `history`. `statusEnum` is the entity's registered `XStatus` enum; the step extends
 * it as `@ObjectType(…) @Schema({ _id: false }) class CareOrderStep extends StatusStep(CareOrderStatus, 'order') {}`.
 */
export function StatusStep<S extends string>(statusEnum: Record<string, S>, entity: string) {
  @ObjectType({ isAbstract: true })
  abstract class Step {
    @Field(() => statusEnum, { description: `The status the ${entity} moved to.` })
    @Prop({ type: String, enum: Object.values(statusEnum), required: true })
    status!: S;

    @Field({ description: 'When it moved.' })
    @Prop({ required: true })
    at!: Date;

    @Field(() => String, {
      nullable: true,
      description: 'The reason given for the step, if any (a decline, a cancellation), e.g. 家人已安排.',
    })
    @Prop({ type: String, trim: true, default: null })
    note!: string | null;
  }
  return Step;
}
