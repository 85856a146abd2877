import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { LampFaultServiceCode } from './lamp-fault-services';

/**
 * The SLA of one kind of lamp fault: the hours from a report within which it must be resolved before the community
 * calls (社区呼叫). Data, not code: seeded at start with the defaults of LAMP_FAULT_SERVICES, then changed by street
 * staff with setLampFaultSla. `_id` is the service code, so there is one per kind however many replicas seed it.
 */
@Schema({ collection: 'lamp_fault_slas', versionKey: false })
export class LampFaultSla {
  @Prop({ type: String, enum: LampFaultServiceCode })
  _id!: LampFaultServiceCode;

  @Prop({ required: true, min: 1 })
  slaHours!: number;

  /** When an operator last changed it; null while it is the seeded default. */
  @Prop({ type: Date, default: null })
  changedAt!: Date | null;

  /** Who last changed it (the actor's id); null while it is the seeded default. */
  @Prop({ type: String, default: null })
  changedBy!: string | null;
}

export type LampFaultSlaDocument = HydratedDocument<LampFaultSla>;
export const LampFaultSlaSchema = SchemaFactory.createForClass(LampFaultSla);
