import { z } from 'zod';
import { careCategorySchema } from '../care/purposes';
import { defineEvent } from './define-event';
import { allianceSharingEndCause } from './organization.events';

/**
 * Facts the services subgraph records about elder care and childcare ordered "点单式": residents (or grid workers on
 * their behalf) order, providers take the order (接单), deliver it and residents rate it. Payloads carry ids and
 * outcomes only, never free text a resident or provider typed: reasons and visit notes may hold health details.
 */

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

/** Who provides care in a community: a partner unit (共建单位) or a volunteer resident (东方达人). */
export const careProviderRegistered = defineEvent({
  type: 'care.provider.registered',
  version: 1,
  payload: z.object({
    providerId: id,
    kind: z.enum(['PARTNER_UNIT', 'VOLUNTEER']),
    communityId: id,
    partnerUnitId: id.nullable(),
    /** A volunteer's own resident record. */
    residentId: id.nullable(),
  }),
});

/** An item of a community's care catalogue (日间照料, 白天托管班…) was published, with its providers. */
export const careItemPublished = defineEvent({
  type: 'care.item.published',
  version: 1,
  payload: z.object({ itemId: id, communityId: id, category: z.string().min(1), providerIds: z.array(id) }),
});

export const careItemProvidersChanged = defineEvent({
  type: 'care.item.providers-changed',
  version: 1,
  payload: z.object({ itemId: id, providerIds: z.array(id) }),
});

export const careOrderPlaced = defineEvent({
  type: 'care.order.placed',
  version: 1,
  payload: z.object({
    orderId: id,
    itemId: id,
    providerId: id,
    /** The partner unit that takes the order, when the provider is one (null for a volunteer). */
    partnerUnitId: id.nullable(),
    /** Who the care is for. */
    residentId: id,
    communityId: id,
    /** True when a grid worker or the community office placed it for the resident. */
    onBehalf: z.boolean(),
    /** The item's category: what a consent must cover (null in events placed before it was carried). */
    category: careCategorySchema.nullable().default(null),
  }),
});

export const careOrderAccepted = defineEvent({
  type: 'care.order.accepted',
  version: 1,
  payload: z.object({
    orderId: id,
    providerId: id,
    /** The volunteer (a provider of kind VOLUNTEER) the provider sends, if it named one. */
    volunteerId: id.nullable(),
  }),
});

export const careOrderDeclined = defineEvent({
  type: 'care.order.declined',
  version: 1,
  payload: z.object({ orderId: id, providerId: id }),
});

export const careOrderScheduled = defineEvent({
  type: 'care.order.scheduled',
  version: 1,
  payload: z.object({ orderId: id, scheduledFor: instant }),
});

export const careOrderCompleted = defineEvent({
  type: 'care.order.completed',
  version: 1,
  payload: z.object({
    orderId: id,
    /** Length of the visit that delivered it. */
    minutes: z.number().int().positive(),
    /** The volunteer whose time bank it credited, if a volunteer delivered it. */
    volunteerId: id.nullable(),
  }),
});

export const careOrderRated = defineEvent({
  type: 'care.order.rated',
  version: 1,
  payload: z.object({ orderId: id, providerId: id, stars: z.number().int().min(1).max(5) }),
});

/**
 * Why an order, a booking or an appointment was cancelled. REQUESTED: someone cancelled it; RESIDENT_MOVED_OUT: closed
 * because the resident left the community; GUARDIAN_CONSENT_WITHDRAWN: a child's care closed because the guardian
 * withdrew the consent it rested on; CONSENT_WITHDRAWN: care arranged for a resident from 14 by someone else closed
 * because the resident withdrew the consent it rested on.
 */
const cancellationCause = z.enum([
  'REQUESTED',
  'RESIDENT_MOVED_OUT',
  'GUARDIAN_CONSENT_WITHDRAWN',
  'CONSENT_WITHDRAWN',
]);

export const careOrderCancelled = defineEvent({
  type: 'care.order.cancelled',
  version: 1,
  payload: z.object({
    orderId: id,
    cause: cancellationCause,
  }),
});

/** A session of an item run in sessions (a holiday class, a day-care day) was set, with its places. */
export const careSessionScheduled = defineEvent({
  type: 'care.session.scheduled',
  version: 1,
  payload: z.object({
    sessionId: id,
    itemId: id,
    providerId: id,
    startsAt: instant,
    capacity: z.number().int().positive(),
  }),
});

/** A care session is opened to a community alliance (社区联盟): residents of every member community may take a place. */
export const careSessionSharedWithAlliance = defineEvent({
  type: 'care.session.shared-with-alliance',
  version: 1,
  payload: z.object({ sessionId: id, communityId: id, allianceId: id }),
});

/** A care session is no longer opened to the alliance: no new places from its other communities; taken ones stand. */
export const careSessionSharingEnded = defineEvent({
  type: 'care.session.sharing-ended',
  version: 1,
  payload: z.object({
    sessionId: id,
    communityId: id,
    allianceId: id,
    cause: allianceSharingEndCause,
  }),
});

const booking = { bookingId: id, sessionId: id, residentId: id };

/** A resident has a place in a session. */
export const careBookingConfirmed = defineEvent({
  type: 'care.booking.confirmed',
  version: 1,
  payload: z.object(booking),
});

/** The session was full: the resident waits in line. */
export const careBookingWaitlisted = defineEvent({
  type: 'care.booking.waitlisted',
  version: 1,
  payload: z.object(booking),
});

/** A place freed up and went to the first in line: tell them. */
export const careBookingPromoted = defineEvent({
  type: 'care.booking.promoted',
  version: 1,
  payload: z.object(booking),
});

export const careBookingCancelled = defineEvent({
  type: 'care.booking.cancelled',
  version: 1,
  payload: z.object({ ...booking, cause: cancellationCause }),
});

/** A care recipient's profile was recorded; whether it holds health notes, never what they say. */
export const careProfileRecorded = defineEvent({
  type: 'care.profile.recorded',
  version: 1,
  payload: z.object({ profileId: id, residentId: id, kind: z.enum(['ELDER', 'CHILD']), withHealthNotes: z.boolean() }),
});

/** A consent was withdrawn, and what rested on it went: the health notes, or a child's whole profile. */
export const careProfileErased = defineEvent({
  type: 'care.profile.erased',
  version: 1,
  payload: z.object({ residentId: id, erased: z.enum(['HEALTH_NOTES', 'PROFILE']) }),
});

/** A family doctor's weekly rota in a community (家庭医生工作室: doctors sit on Tuesdays and Fridays). */
export const careDoctorRotaSet = defineEvent({
  type: 'care.doctor-rota.set',
  version: 1,
  payload: z.object({
    rotaId: id,
    communityId: id,
    providerId: id,
    weekdays: z.array(z.string().min(1)).min(1),
    slotMinutes: z.number().int().positive(),
  }),
});

const appointment = { appointmentId: id, rotaId: id, residentId: id, startsAt: instant };

export const careDoctorAppointmentBooked = defineEvent({
  type: 'care.doctor-appointment.booked',
  version: 1,
  payload: z.object(appointment),
});

export const careDoctorAppointmentCancelled = defineEvent({
  type: 'care.doctor-appointment.cancelled',
  version: 1,
  payload: z.object({ ...appointment, cause: cancellationCause }),
});

export const servicesEvents = [
  careProviderRegistered,
  careItemPublished,
  careItemProvidersChanged,
  careOrderPlaced,
  careOrderAccepted,
  careOrderDeclined,
  careOrderScheduled,
  careOrderCompleted,
  careOrderRated,
  careOrderCancelled,
  careSessionScheduled,
  careSessionSharedWithAlliance,
  careSessionSharingEnded,
  careBookingConfirmed,
  careBookingWaitlisted,
  careBookingPromoted,
  careBookingCancelled,
  careProfileRecorded,
  careProfileErased,
  careDoctorRotaSet,
  careDoctorAppointmentBooked,
  careDoctorAppointmentCancelled,
] as const;
