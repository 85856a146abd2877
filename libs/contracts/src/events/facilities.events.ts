import { z } from 'zod';
import { defineEvent } from './define-event';
import { allianceSharingEndCause } from './organization.events';

/**
 * Facts the facilities subgraph records: street lighting (faults, work orders, escalation, renewal), rooms, parking,
 * shared gardens and the ledgers of shared costs.
 */

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

/** Open311 service codes of a lamp fault. */
export const lampFaultServiceCodeSchema = z.enum(['LAMP_OUT', 'LAMP_FLICKERING', 'LAMP_ON_BY_DAY', 'POLE_DAMAGED']);

/** 社区呼叫、街道吹哨、部门报到: the community calls, the street blows the whistle, the department reports in. */
export const faultEscalationStepSchema = z.enum(['COMMUNITY_CALL', 'STREET_WHISTLE', 'DEPARTMENT_REPORT']);
export type FaultEscalationStep = z.infer<typeof faultEscalationStepSchema>;

/**
 * A lamp entered the register (registerLamp), or, once at facilities' start, a lamp registered before this event
 * existed: deliberation keeps a copy to check the lamps a lighting motion names.
 */
export const lampRegistered = defineEvent({
  type: 'facilities.lamp.registered',
  version: 1,
  payload: z.object({
    lampId: id,
    assetNumber: z.string().min(1),
    communityId: id,
    compoundId: id.nullable(),
    buildingId: id.nullable(),
  }),
});

export const lampFaultReported = defineEvent({
  type: 'facilities.lamp.fault-reported',
  version: 1,
  payload: z.object({
    faultId: id,
    lampId: id,
    assetNumber: z.string().min(1),
    communityId: id,
    compoundId: id.nullable(),
    serviceCode: lampFaultServiceCodeSchema,
    /** When the fault must be resolved by (Open311's expected_datetime). */
    slaDueAt: instant,
  }),
});

export const lampWorkOrderAssigned = defineEvent({
  type: 'facilities.lamp.work-order-assigned',
  version: 1,
  payload: z.object({ workOrderId: id, faultId: id, lampId: id, communityId: id, partnerUnitId: id }),
});

/** A work order was taken from a partner that did not come and given to another (reassignLampWorkOrder). */
export const lampWorkOrderReassigned = defineEvent({
  type: 'facilities.lamp.work-order-reassigned',
  version: 1,
  payload: z.object({
    workOrderId: id,
    faultId: id,
    lampId: id,
    communityId: id,
    partnerUnitId: id,
    previousPartnerUnitId: id,
    reason: z.string().min(1),
  }),
});

export const lampFaultEscalated = defineEvent({
  type: 'facilities.lamp.fault-escalated',
  version: 1,
  payload: z.object({
    faultId: id,
    lampId: id,
    communityId: id,
    step: faultEscalationStepSchema,
    /** The department responsible for the lamp: summoned by the whistle, reporting in at the last step. */
    department: z.string().min(1),
    slaDueAt: instant,
  }),
});

/**
 * An operator changed a kind of fault's SLA (setLampFaultSla); the open faults not yet escalated were rescheduled
 * from their report time. The envelope's actor is who changed it.
 */
export const lampFaultSlaChanged = defineEvent({
  type: 'facilities.lamp.fault-sla-changed',
  version: 1,
  payload: z.object({
    serviceCode: lampFaultServiceCodeSchema,
    slaHours: z.number().int().positive(),
    previousSlaHours: z.number().int().positive(),
    /** How many open, not yet escalated faults of the kind got a new expected time. */
    rescheduledFaults: z.number().int().nonnegative(),
  }),
});

export const lampFaultClosed = defineEvent({
  type: 'facilities.lamp.fault-closed',
  version: 1,
  payload: z.object({
    faultId: id,
    workOrderId: id,
    lampId: id,
    communityId: id,
    partnerUnitId: id,
    withinSla: z.boolean(),
  }),
});

/** A lighting motion passed in deliberation became a renewal project for its lamps. */
export const lampRenewalProjectCreated = defineEvent({
  type: 'facilities.lighting.renewal-project-created',
  version: 1,
  payload: z.object({ projectId: id, motionId: id, communityId: id, compoundId: id.nullable(), lampIds: z.array(id) }),
});

/** Where a renewal project's steps start from: the project, its motion (deliberation's) and its community. */
const renewalProject = { projectId: id, motionId: id, communityId: id };

/** A contractor (a partner unit of the community) won the renewal's tender, for the amount named (tenderLampRenewalProject). */
export const lampRenewalProjectTendered = defineEvent({
  type: 'facilities.lighting.renewal-project-tendered',
  version: 1,
  payload: z.object({ ...renewalProject, partnerUnitId: id, amountFen: z.number().int().positive() }),
});

/** The contractor started work on the lamps (startLampRenewalProject). */
export const lampRenewalProjectStarted = defineEvent({
  type: 'facilities.lighting.renewal-project-started',
  version: 1,
  payload: z.object({ ...renewalProject, partnerUnitId: id }),
});

/**
 * The community accepted the work (验收, acceptLampRenewalProject): its lamps work, or `faultyLampIds` names those
 * still faulty that an override let through (its reason is in `governance.rule.overridden`).
 */
export const lampRenewalProjectAccepted = defineEvent({
  type: 'facilities.lighting.renewal-project-accepted',
  version: 1,
  payload: z.object({ ...renewalProject, partnerUnitId: id, lampIds: z.array(id), faultyLampIds: z.array(id) }),
});

/** The project was called off before its acceptance, with the reason (cancelLampRenewalProject). */
export const lampRenewalProjectCancelled = defineEvent({
  type: 'facilities.lighting.renewal-project-cancelled',
  version: 1,
  payload: z.object({ ...renewalProject, reason: z.string().min(1) }),
});

/** A room is shared with a community alliance (社区联盟): residents of every member community may book it. */
export const roomSharedWithAlliance = defineEvent({
  type: 'facilities.room.shared-with-alliance',
  version: 1,
  payload: z.object({ roomId: id, communityId: id, allianceId: id }),
});

/** A room is no longer shared with the alliance: no new bookings from its other communities; made ones stand. */
export const roomSharingEnded = defineEvent({
  type: 'facilities.room.sharing-ended',
  version: 1,
  payload: z.object({ roomId: id, communityId: id, allianceId: id, cause: allianceSharingEndCause }),
});

export const roomBooked = defineEvent({
  type: 'facilities.room.booked',
  version: 1,
  payload: z.object({
    bookingId: id,
    roomId: id,
    communityId: id,
    startsAt: instant,
    endsAt: instant,
    attendees: z.number().int().positive(),
  }),
});

export const roomBookingCancelled = defineEvent({
  type: 'facilities.room.booking-cancelled',
  version: 1,
  payload: z.object({ bookingId: id, roomId: id, communityId: id, startsAt: instant, endsAt: instant }),
});

export const parkingAllocationMethodSchema = z.enum(['WAITLIST_ORDER', 'LOTTERY']);

/** A household got a parking permit with a space. Plates stay in facilities: they identify people. */
export const parkingPermitGranted = defineEvent({
  type: 'facilities.parking.permit-granted',
  version: 1,
  payload: z.object({
    permitId: id,
    lotId: id,
    spaceId: id,
    householdId: id,
    compoundId: id,
    communityId: id,
    method: parkingAllocationMethodSchema,
    /** Set when a lottery drew it. */
    lotteryId: id.nullable(),
  }),
});

export const parkingPermitRevoked = defineEvent({
  type: 'facilities.parking.permit-revoked',
  version: 1,
  payload: z.object({
    permitId: id,
    lotId: id,
    spaceId: id,
    householdId: id,
    communityId: id,
    reason: z.string().min(1),
  }),
});

/** A lottery (摇号) was drawn; its seed is public so anyone can redo it. */
export const parkingLotteryDrawn = defineEvent({
  type: 'facilities.parking.lottery-drawn',
  version: 1,
  payload: z.object({
    lotteryId: id,
    lotId: id,
    communityId: id,
    seed: z.string().regex(/^[0-9a-f]{32}$/),
    candidates: z.number().int().nonnegative(),
    winners: z.number().int().nonnegative(),
  }),
});

export const parkingViolationRecorded = defineEvent({
  type: 'facilities.parking.violation-recorded',
  version: 1,
  payload: z.object({ violationId: id, lotId: id, compoundId: id, communityId: id, kind: z.string().min(1) }),
});

/**
 * A vehicle that came in on a visitor pass, or as an outsider to a lot with a maximum stay, is still inside past what
 * it was allowed: announced once per stay, by whichever replica's sweep (or read) saw it first. The plate stays out.
 */
export const parkingOverstayDetected = defineEvent({
  type: 'facilities.parking.overstay-detected',
  version: 1,
  payload: z.object({
    overstayId: id,
    lotId: id,
    compoundId: id,
    communityId: id,
    recognisedAs: z.enum(['VISITOR_PASS', 'UNKNOWN']),
    /** The pass it came in on, when it did. */
    visitorPassId: id.nullable(),
    enteredAt: instant,
    allowedUntil: instant,
  }),
});

/** The overstaying vehicle left: the gate's exit cleared the overstay announced before. */
export const parkingOverstayCleared = defineEvent({
  type: 'facilities.parking.overstay-cleared',
  version: 1,
  payload: z.object({ overstayId: id, lotId: id, communityId: id, exitedAt: instant }),
});

/**
 * An overstay announced before is one no longer: the lot's maximum stay was raised (or lifted) so the outsider's car
 * is within its time again. `allowedUntil` is its new time (null: no limit); past it, it is announced again.
 */
export const parkingOverstayWithdrawn = defineEvent({
  type: 'facilities.parking.overstay-withdrawn',
  version: 1,
  payload: z.object({ overstayId: id, lotId: id, communityId: id, allowedUntil: instant.nullable() }),
});

/** A household or a volunteer team took on a shared garden plot (认领), at once or from the plot's waiting list. */
export const gardenPlotClaimed = defineEvent({
  type: 'facilities.garden.plot-claimed',
  version: 1,
  payload: z.object({
    claimId: id,
    plotId: id,
    communityId: id,
    claimant: z.enum(['HOUSEHOLD', 'VOLUNTEER_TEAM']),
    householdId: id.nullable(),
    termEndsAt: instant,
  }),
});

/** A claim ended: given up, its term over, or its care neglected past the covenant; the plot passes on. */
export const gardenClaimEnded = defineEvent({
  type: 'facilities.garden.claim-ended',
  version: 1,
  payload: z.object({
    claimId: id,
    plotId: id,
    communityId: id,
    reason: z.enum(['RELEASED', 'TERM_ENDED', 'CARE_LAPSED']),
  }),
});

/** A shared expense (费用分摊) — a smart barrier gate, say — split among the households of a compound. */
export const costShareCreated = defineEvent({
  type: 'facilities.cost-share.created',
  version: 1,
  payload: z.object({
    costShareId: id,
    compoundId: id,
    communityId: id,
    totalFen: z.number().int().positive(),
    splitBy: z.enum(['PER_HOUSEHOLD', 'BY_FLOOR_AREA']),
    households: z.number().int().positive(),
  }),
});

export const costSharePaymentRecorded = defineEvent({
  type: 'facilities.cost-share.payment-recorded',
  version: 1,
  payload: z.object({
    costShareId: id,
    householdId: id,
    communityId: id,
    amountFen: z.number().int().positive(),
    /** What the household still owes after it. */
    outstandingFen: z.number().int().nonnegative(),
  }),
});

/** Every facilities contract, for consumers that subscribe to all of them and for documentation. */
export const facilitiesEvents = [
  roomSharedWithAlliance,
  roomSharingEnded,
  lampRegistered,
  lampFaultReported,
  lampWorkOrderAssigned,
  lampWorkOrderReassigned,
  lampFaultEscalated,
  lampFaultSlaChanged,
  lampFaultClosed,
  lampRenewalProjectCreated,
  lampRenewalProjectTendered,
  lampRenewalProjectStarted,
  lampRenewalProjectAccepted,
  lampRenewalProjectCancelled,
  roomBooked,
  roomBookingCancelled,
  parkingPermitGranted,
  parkingPermitRevoked,
  parkingLotteryDrawn,
  parkingViolationRecorded,
  parkingOverstayDetected,
  parkingOverstayCleared,
  parkingOverstayWithdrawn,
  gardenPlotClaimed,
  gardenClaimEnded,
  costShareCreated,
  costSharePaymentRecorded,
] as const;
