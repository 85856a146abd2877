import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema } from '@nestjs/mongoose';

export enum CancellationCause {
  /** The resident's side or the provider cancelled it. */
  REQUESTED = 'REQUESTED',
  /** Closed because the resident moved out of the community. */
  RESIDENT_MOVED_OUT = 'RESIDENT_MOVED_OUT',
  /** Closed because the guardian's consent a child's care rested on was withdrawn (PIPL art. 31). */
  GUARDIAN_CONSENT_WITHDRAWN = 'GUARDIAN_CONSENT_WITHDRAWN',
  /** Closed because the resident withdrew the consent that care arranged for them by someone else rested on. */
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
}
registerEnumType(CancellationCause, {
  name: 'CancellationCause',
  description: 'Who or what cancelled an order or a booking.',
  valuesMap: {
    REQUESTED: { description: "The resident's side or the provider cancelled it." },
    RESIDENT_MOVED_OUT: { description: 'Closed because the resident moved out of the community.' },
    GUARDIAN_CONSENT_WITHDRAWN: {
      description: 'Closed because the guardian’s consent the child’s care rested on was withdrawn (PIPL art. 31).',
    },
    CONSENT_WITHDRAWN: {
      description:
        'Closed because the resident withdrew the consent that care arranged for them by someone else rested on.',
    },
  },
});

@ObjectType({ description: 'Why and when an order or a booking was cancelled.' })
@Schema({ _id: false })
export class Cancellation {
  @Field(() => CancellationCause, { description: 'Who or what cancelled it.' })
  @Prop({ type: String, enum: CancellationCause, required: true })
  cause!: CancellationCause;

  @Field(() => String, { nullable: true, description: 'The reason given, if any.' })
  @Prop({ type: String, trim: true, default: null })
  reason!: string | null;

  @Field({ description: 'When it was cancelled.' })
  @Prop({ required: true })
  at!: Date;
}
