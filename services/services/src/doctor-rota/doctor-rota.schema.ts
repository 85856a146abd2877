import { StatusStep, createdAtOf, type Step } from '@gongzhi/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import { Cancellation } from '../care-records/cancellation.schema';
import { ProvidedCare } from '../care-records/provided-care.schema';
import { type RotaTimes, Weekday } from './rota-calendar';

/** A family doctor's weekly rota in a community (家庭医生工作室): the weekdays and hours they sit, cut into slots. */
@ObjectType({
  description:
    "A family doctor's weekly rota in a community, e.g. Tuesdays and Fridays 8:30–11:30, twenty minutes a resident.",
})
@Schema({ collection: 'doctor_rotas', timestamps: true })
export class DoctorRota implements RotaTimes {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true, index: true })
  communityId!: Types.ObjectId;

  /** The clinic or community health centre (a partner provider of the community) whose doctor sits. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  providerId!: Types.ObjectId;

  @Field({ description: 'As residents know them, e.g. 全科 王医生.' })
  @Prop({ required: true, trim: true })
  doctorName!: string;

  @Field({ description: 'e.g. 龙惠社区“医养融合”家庭医生工作室.' })
  @Prop({ required: true, trim: true })
  location!: string;

  @Field(() => [Weekday], { description: 'The weekdays the doctor sits.' })
  @Prop({ type: [String], enum: Weekday, required: true })
  weekdays!: Weekday[];

  @Field({ description: 'China time, HH:mm.' })
  @Prop({ required: true })
  startTime!: string;

  @Field({ description: 'China time, HH:mm.' })
  @Prop({ required: true })
  endTime!: string;

  @Field(() => Int, { description: 'Minutes a resident is given.' })
  @Prop({ required: true, min: 5 })
  slotMinutes!: number;

  @Field({ description: 'First day, YYYY-MM-DD.' })
  @Prop({ required: true })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD; open-ended when null.' })
  @Prop({ type: String, default: null })
  validUntil!: string | null;
}

export type DoctorRotaDocument = HydratedDocument<DoctorRota>;
export const DoctorRotaSchema = SchemaFactory.createForClass(DoctorRota);

@ObjectType({ description: 'A slot of a rota: free, or taken (by whom is not shown here).' })
export class DoctorSlot {
  @Field({ description: 'When the slot starts.' })
  startsAt!: Date;

  @Field({ description: 'When it ends.' })
  endsAt!: Date;

  @Field({ description: 'Whether a resident has it.' })
  taken!: boolean;
}

export enum DoctorAppointmentStatus {
  BOOKED = 'BOOKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(DoctorAppointmentStatus, {
  name: 'DoctorAppointmentStatus',
  description: 'Where an appointment stands.',
  valuesMap: {
    BOOKED: { description: 'The slot is the resident’s.' },
    CANCELLED: { description: 'Cancelled, its slot free again: by request, or because the resident moved out.' },
  },
});

export enum DoctorAppointmentAction {
  CANCEL = 'CANCEL',
}
registerEnumType(DoctorAppointmentAction, {
  name: 'DoctorAppointmentAction',
  description: 'A step an appointment can take next.',
  valuesMap: { CANCEL: { description: 'Free the slot (cancelDoctorAppointment).' } },
});

/** The steps an appointment in `status` can take: a booked one can be cancelled, a cancelled one nothing. */
export function appointmentStepsFrom(status: DoctorAppointmentStatus): DoctorAppointmentAction[] {
  return status === DoctorAppointmentStatus.BOOKED ? [DoctorAppointmentAction.CANCEL] : [];
}

@ObjectType({ description: "A change of an appointment's status: one entry of its history." })
@Schema({ _id: false })
export class DoctorAppointmentStep extends StatusStep(DoctorAppointmentStatus, 'appointment') {}

/** A resident's slot with the family doctor. Health data as a whole: seeing a doctor says something about one's health. */
@ObjectType({ description: "A resident's slot with the family doctor." })
@Schema({ collection: 'doctor_appointments', timestamps: true })
export class DoctorAppointment extends ProvidedCare {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  rotaId!: Types.ObjectId;

  @Field({ description: 'When the slot starts.' })
  @Prop({ required: true })
  startsAt!: Date;

  @Field(() => DoctorAppointmentStatus, { description: 'Where the appointment stands.' })
  @Prop({ type: String, enum: DoctorAppointmentStatus, required: true })
  status!: DoctorAppointmentStatus;

  @Field(() => Cancellation, { nullable: true, description: 'CANCELLED: why and when.' })
  @Prop({ type: SchemaFactory.createForClass(Cancellation), default: null })
  cancellation!: Cancellation | null;

  /** Its status changes, oldest first; the API pages them as DoctorAppointment.history. */
  @Prop({ type: [SchemaFactory.createForClass(DoctorAppointmentStep)], default: [] })
  history!: DoctorAppointmentStep[];
}

export type DoctorAppointmentDocument = HydratedDocument<DoctorAppointment>;

/**
 * The history of an appointment booked before appointments kept one, told from what it holds: booked when it was
 * made, and cancelled when its cancellation says.
 */
export function appointmentHistoryOf(
  appointment: Pick<DoctorAppointment, 'cancellation'> & { _id: Types.ObjectId; createdAt?: Date | null },
): Step<DoctorAppointmentStatus>[] {
  const steps: Step<DoctorAppointmentStatus>[] = [
    { status: DoctorAppointmentStatus.BOOKED, at: createdAtOf(appointment), note: null },
  ];
  const { cancellation } = appointment;
  if (cancellation)
    steps.push({ status: DoctorAppointmentStatus.CANCELLED, at: cancellation.at, note: cancellation.reason ?? null });
  return steps;
}
export const DoctorAppointmentSchema = SchemaFactory.createForClass(DoctorAppointment);
// A slot has one patient: two residents booking it at once get one appointment and one SLOT_TAKEN.
DoctorAppointmentSchema.index(
  { rotaId: 1, startsAt: 1 },
  { unique: true, partialFilterExpression: { status: DoctorAppointmentStatus.BOOKED } },
);
DoctorAppointmentSchema.index({ residentId: 1, startsAt: -1 });
