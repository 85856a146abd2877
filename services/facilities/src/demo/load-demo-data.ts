import 'reflect-metadata';
import { copyAlliances, runDemoLoader, systemClock } from '@gongzhi/platform';
import type { Connection, Model, Schema, Types } from 'mongoose';
import { CostShare, CostShareSchema, CostSplit } from '../cost-sharing/cost-share.schema';
import { splitByWeight } from '../cost-sharing/split';
import { GardenPlot, GardenPlotSchema } from '../gardens/garden-plot.schema';
import { StepActorKind } from '../lighting/history';
import { defaultSlaHoursOf, LampFaultServiceCode } from '../lighting/lamp-fault-services';
import { FaultEscalationStep, LampFault, LampFaultSchema, LampFaultStatus } from '../lighting/lamp-fault.schema';
import { OPEN_FAULT_STATUSES } from '../lighting/lamp-steps';
import { Lamp, LampSchema, LampStatus } from '../lighting/lamp.schema';
import {
  LampRenewalProject,
  LampRenewalProjectSchema,
  LampRenewalProjectStatus,
} from '../lighting/lamp-renewal-project.schema';
import { GateDirection, GateEvent, GateEventSchema, VehicleRecognition } from '../parking/gate-event.schema';
import { ParkingLot, ParkingLotSchema, ParkingSpace, ParkingSpaceSchema } from '../parking/parking-lot.schema';
import { ParkingStay, ParkingStaySchema } from '../parking/parking-stay.schema';
import { normalizePlate } from '../parking/plates';
import { VisitorPass, VisitorPassSchema } from '../parking/visitor-pass.schema';
import { Room, RoomSchema } from '../rooms/room.schema';
import {
  DEMO_COST_SHARES,
  DEMO_LAMP_FAULTS,
  DEMO_LAMPS,
  DEMO_LOTS,
  DEMO_OVERSTAYS,
  DEMO_PLOTS,
  DEMO_RENEWAL_PROJECTS,
  DEMO_ROOMS,
} from './demo-facilities';
import { copyPartnerAgreements, copyTerritory } from './organization-copy';

/** The service's model on `connection`, registered there unless the running service already did. */
function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

type Place = { _id: Types.ObjectId; name: string; communityId: Types.ObjectId };

/** The compounds of organization's demo data the plans name, with their buildings by name. */
async function compoundsByName(organization: Connection, names: string[]) {
  const compounds = await organization
    .collection<Place>('compounds')
    .find({ name: { $in: names } })
    .toArray();
  const buildings = await organization
    .collection<Place & { compoundId: Types.ObjectId }>('buildings')
    .find({ compoundId: { $in: compounds.map((compound) => compound._id) } })
    .toArray();
  return new Map(
    compounds.map((compound) => [
      compound.name,
      {
        compound,
        buildings: new Map(buildings.filter((b) => b.compoundId.equals(compound._id)).map((b) => [b.name, b._id])),
      },
    ]),
  );
}

async function loadLamps(facilities: Connection, organization: Connection, log: (line: string) => void): Promise<void> {
  const lamps = modelOn(facilities, Lamp.name, LampSchema);
  await lamps.init();
  const compounds = await compoundsByName(
    organization,
    DEMO_LAMPS.map((plan) => plan.compound),
  );
  let added = 0;
  for (const plan of DEMO_LAMPS) {
    const found = compounds.get(plan.compound);
    if (!found) {
      log(`demo data: lamps of ${plan.compound} skipped: organization has no such compound (load its demo data first)`);
      continue;
    }
    const upserts = Array.from({ length: plan.count }, (_, index) => {
      const number = index + 1;
      const buildingId = plan.besideBuildings ? (found.buildings.get(`${number}幢`) ?? null) : null;
      const lamp: Omit<Lamp, 'id' | 'status'> = {
        assetNumber: `${plan.assetPrefix}-${String(number).padStart(3, '0')}`,
        // About 30 m apart, northwards from the gate.
        location: { latitude: plan.origin.latitude + index * 0.00027, longitude: plan.origin.longitude },
        placeDescription: buildingId ? `${number}幢旁` : `${plan.compound}主路`,
        responsibleDepartment: plan.responsibleDepartment,
        communityId: found.compound.communityId,
        compoundId: found.compound._id,
        buildingId,
      };
      return { updateOne: { filter: { assetNumber: lamp.assetNumber }, update: { $setOnInsert: lamp }, upsert: true } };
    });
    added += (await lamps.bulkWrite(upserts)).upsertedCount;
  }
  log(`demo data: ${added} lamps added`);
}

const HOUR_MS = 3600 * 1000;
/** facilities' default LAMP_WHISTLE_AFTER_HOURS: the next step of a fault the community called on. */
const WHISTLE_AFTER_HOURS = 24;

/**
 * One open fault per plan, at its stage as of `now`, unless its lamp already has an open fault of that kind (a second
 * run, or a fault reported since); its lamp shows FAULTY.
 */
async function loadLampFaults(facilities: Connection, log: (line: string) => void, now: Date): Promise<void> {
  const lamps = modelOn(facilities, Lamp.name, LampSchema);
  const faults = modelOn(facilities, LampFault.name, LampFaultSchema);
  await faults.init();
  let added = 0;
  for (const plan of DEMO_LAMP_FAULTS) {
    const lamp = await lamps.findOne({ assetNumber: plan.assetNumber }).exec();
    if (!lamp) {
      log(`demo data: the fault of ${plan.assetNumber} skipped: no such lamp`);
      continue;
    }
    const requestedAt = new Date(now.getTime() - plan.reportedHoursAgo * HOUR_MS);
    const at = (hours: number) => new Date(requestedAt.getTime() + hours * HOUR_MS);
    const serviceCode = plan.serviceCode as LampFaultServiceCode;
    const expectedAt = at(defaultSlaHoursOf(serviceCode));
    const escalations = plan.steps.map(({ step, afterHours, note }) => ({
      step: step as FaultEscalationStep,
      at: at(afterHours),
      department: lamp.responsibleDepartment,
      note: note ?? null,
    }));
    const last = plan.steps.at(-1);
    const nextEscalationAt = !last
      ? expectedAt
      : last.step === 'COMMUNITY_CALL'
        ? at(last.afterHours + WHISTLE_AFTER_HOURS)
        : null;
    const fault: Omit<LampFault, 'id'> = {
      serviceCode,
      description: plan.description,
      location: lamp.location,
      mediaUrl: null,
      status: LampFaultStatus.OPEN,
      statusHistory: [{ status: LampFaultStatus.OPEN, at: requestedAt, note: null, actorKind: StepActorKind.PERSON }],
      requestedAt,
      updatedAt: escalations.at(-1)?.at ?? requestedAt,
      expectedAt,
      agencyResponsible: lamp.responsibleDepartment,
      escalations,
      nextEscalationAt,
      lampId: lamp._id,
      reporterSubject: 'demo:grid-worker',
      reporterResidentId: null,
      communityId: lamp.communityId,
      compoundId: lamp.compoundId,
      buildingId: lamp.buildingId,
    };
    const { upsertedCount } = await faults
      .updateOne(
        {
          lampId: lamp._id,
          serviceCode,
          status: { $in: OPEN_FAULT_STATUSES },
        },
        { $setOnInsert: fault },
        { upsert: true },
      )
      .exec();
    if (upsertedCount) await lamps.updateOne({ _id: lamp._id }, { $set: { status: LampStatus.FAULTY } }).exec();
    added += upsertedCount;
  }
  log(`demo data: ${added} lamp faults added`);
}

const DAY_MS = 24 * HOUR_MS;

/**
 * One renewal project per plan, at its stage as of `now`, keyed by its motion id (`demo:` and its title) so a second
 * run adds nothing. A tendered project's contractor is the first partner with an agreement in its community.
 */
async function loadRenewalProjects(
  facilities: Connection,
  organization: Connection,
  log: (line: string) => void,
  now: Date,
): Promise<void> {
  const projects = modelOn(facilities, LampRenewalProject.name, LampRenewalProjectSchema);
  const lamps = modelOn(facilities, Lamp.name, LampSchema);
  await projects.init();
  const compounds = await compoundsByName(
    organization,
    DEMO_RENEWAL_PROJECTS.map((plan) => plan.compound),
  );
  let added = 0;
  for (const plan of DEMO_RENEWAL_PROJECTS) {
    const compound = compounds.get(plan.compound)?.compound;
    const contractor = compound
      ? await facilities
          .collection<{ partnerUnitId: Types.ObjectId }>('partner_agreements')
          .findOne({ communityId: compound.communityId }, { sort: { _id: 1 } })
      : null;
    if (!compound || (plan.steps.some((step) => step.status !== 'CANCELLED') && !contractor)) {
      log(`demo data: ${plan.title} skipped: no compound ${plan.compound} or no partner of its community`);
      continue;
    }
    const named = await lamps.find({ assetNumber: { $in: plan.assetNumbers } }, { _id: 1, assetNumber: 1 }).exec();
    const motionPassedAt = new Date(now.getTime() - plan.passedDaysAgo * DAY_MS);
    const tendered = plan.steps.some((step) => step.status === 'TENDERED');
    const project: Omit<LampRenewalProject, 'id'> = {
      motionId: `demo:${plan.title}`,
      title: plan.title,
      lampsDescription: plan.lampsDescription,
      lampIds: plan.assetNumbers.flatMap((number) => named.find((lamp) => lamp.assetNumber === number)?._id ?? []),
      unknownLampIds: [],
      motionPassedAt,
      status: (plan.steps.at(-1)?.status as LampRenewalProjectStatus | undefined) ?? LampRenewalProjectStatus.PLANNED,
      steps: plan.steps.map(({ status, afterDays, note }) => ({
        status: status as LampRenewalProjectStatus,
        at: new Date(motionPassedAt.getTime() + afterDays * DAY_MS),
        note,
        actorKind: StepActorKind.PERSON,
      })),
      contractorId: tendered ? contractor!.partnerUnitId : null,
      tenderAmountFen: tendered ? (plan.tenderAmountFen ?? null) : null,
      residentsRepresentative: plan.residentsRepresentative ?? null,
      communityId: compound.communityId,
      compoundId: compound._id,
      buildingId: null,
    };
    const { upsertedCount } = await projects
      .updateOne({ motionId: project.motionId }, { $setOnInsert: project }, { upsert: true })
      .exec();
    added += upsertedCount;
  }
  log(`demo data: ${added} lamp renewal projects added`);
}

/**
 * A visitor's car that came in on its pass and is still inside after the pass ended: the pass, the gate's entry (the
 * lot's count moves with it) and the stay the lot's overstays show; the next sweep announces it.
 */
async function loadOverstays(
  facilities: Connection,
  organization: Connection,
  log: (line: string) => void,
  now: Date,
): Promise<void> {
  const lots = modelOn(facilities, ParkingLot.name, ParkingLotSchema);
  const passes = modelOn(facilities, VisitorPass.name, VisitorPassSchema);
  const gateEvents = modelOn(facilities, GateEvent.name, GateEventSchema);
  const stays = modelOn(facilities, ParkingStay.name, ParkingStaySchema);
  await Promise.all([passes.init(), gateEvents.init(), stays.init()]);
  let added = 0;
  for (const plan of DEMO_OVERSTAYS) {
    const lot = await lots.findOne({ name: plan.lot }).exec();
    const household = lot
      ? await organization
          .collection<Place & { buildingId: Types.ObjectId }>('households')
          .findOne({ compoundId: lot.compoundId }, { sort: { _id: 1 } })
      : null;
    const vendorEventId = `demo-entry-${plan.plate}`;
    if (!lot || !household) {
      log(`demo data: the overstay at ${plan.lot} skipped: no such lot or household`);
      continue;
    }
    if (await gateEvents.exists({ lotId: lot._id, vendorEventId })) continue;
    const plate = normalizePlate(plan.plate);
    const validFrom = new Date(now.getTime() - plan.passFromHoursAgo * HOUR_MS);
    const validUntil = new Date(now.getTime() - plan.passUntilHoursAgo * HOUR_MS);
    const [pass] = await passes.create([
      {
        plate,
        validFrom,
        validUntil,
        issuedAt: validFrom,
        lotId: lot._id,
        householdId: household._id,
        buildingId: household.buildingId,
        compoundId: lot.compoundId,
        communityId: lot.communityId,
      },
    ]);
    const place = { lotId: lot._id, compoundId: lot.compoundId, communityId: lot.communityId };
    const [entry] = await gateEvents.create([
      {
        ...place,
        direction: GateDirection.ENTRY,
        plate,
        occurredAt: validFrom,
        vendorEventId,
        recognisedAs: VehicleRecognition.VISITOR_PASS,
      },
    ]);
    await stays.create([
      {
        ...place,
        plate,
        enteredAt: validFrom,
        recognisedAs: VehicleRecognition.VISITOR_PASS,
        allowedUntil: validUntil,
        entryEventId: entry._id,
        visitorPassId: pass._id,
      },
    ]);
    await lots.updateOne({ _id: lot._id }, { $inc: { occupied: 1 } }).exec();
    added += 1;
  }
  log(`demo data: ${added} overstaying visitors added`);
}

/** Where each plan is, by the names of its community and (optional) compound; plans whose places are missing are logged and left out. */
async function placesOf<P extends { community: string; compound?: string; name: string }>(
  organization: Connection,
  plans: readonly P[],
  log: (line: string) => void,
) {
  const communities = new Map(
    (
      await organization
        .collection<Place>('communities')
        .find({ name: { $in: plans.map((plan) => plan.community) } })
        .toArray()
    ).map((c) => [c.name, c._id]),
  );
  const compounds = await compoundsByName(
    organization,
    plans.flatMap((plan) => (plan.compound ? [plan.compound] : [])),
  );
  return plans.flatMap((plan) => {
    const communityId = communities.get(plan.community);
    const compound = plan.compound ? compounds.get(plan.compound)?.compound : undefined;
    if (!communityId || (plan.compound && !compound)) {
      log(`demo data: ${plan.name} skipped: ${plan.compound ?? plan.community} is not in organization's data`);
      return [];
    }
    return [{ plan, communityId, compoundId: compound?._id ?? null }];
  });
}

async function loadRooms(facilities: Connection, organization: Connection, log: (line: string) => void): Promise<void> {
  const rooms = modelOn(facilities, Room.name, RoomSchema);
  await rooms.init();
  const alliances = new Map(
    (
      await organization
        .collection<{ _id: Types.ObjectId; name: string }>('community_alliances')
        .find({}, { projection: { name: 1 } })
        .toArray()
    ).map((alliance) => [alliance.name, alliance._id]),
  );
  const upserts = (await placesOf(organization, DEMO_ROOMS, log)).map(({ plan, communityId, compoundId }) => {
    const room: Omit<Room, 'id'> = {
      sharedWithAllianceId: (plan.sharedWithAlliance && alliances.get(plan.sharedWithAlliance)) || null,
      name: plan.name,
      description: plan.description,
      capacity: plan.capacity,
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: plan.opens, closes: plan.closes })),
      slotMinutes: plan.slotMinutes,
      maxBookingMinutes: 4 * 60,
      communityId,
      compoundId,
      buildingId: null,
    };
    return { updateOne: { filter: { communityId, name: plan.name }, update: { $setOnInsert: room }, upsert: true } };
  });
  log(`demo data: ${upserts.length ? (await rooms.bulkWrite(upserts)).upsertedCount : 0} rooms added`);
}

async function loadGardenPlots(
  facilities: Connection,
  organization: Connection,
  log: (line: string) => void,
): Promise<void> {
  const plots = modelOn(facilities, GardenPlot.name, GardenPlotSchema);
  await plots.init();
  const upserts = (await placesOf(organization, DEMO_PLOTS, log)).map(({ plan, communityId, compoundId }) => {
    const plot: Omit<GardenPlot, 'id'> = {
      name: plan.name,
      area: plan.area,
      description: plan.description,
      currentClaimId: null,
      communityId,
      compoundId,
      buildingId: null,
    };
    return { updateOne: { filter: { communityId, name: plan.name }, update: { $setOnInsert: plot }, upsert: true } };
  });
  log(`demo data: ${upserts.length ? (await plots.bulkWrite(upserts)).upsertedCount : 0} garden plots added`);
}

async function loadParkingLots(
  facilities: Connection,
  organization: Connection,
  log: (line: string) => void,
): Promise<void> {
  const lots = modelOn(facilities, ParkingLot.name, ParkingLotSchema);
  const spaces = modelOn(facilities, ParkingSpace.name, ParkingSpaceSchema);
  await Promise.all([lots.init(), spaces.init()]);
  const compounds = await compoundsByName(
    organization,
    DEMO_LOTS.map((plan) => plan.compound),
  );
  let added = 0;
  for (const plan of DEMO_LOTS) {
    const compound = compounds.get(plan.compound)?.compound;
    if (!compound) {
      log(`demo data: ${plan.name} skipped: organization has no compound ${plan.compound}`);
      continue;
    }
    if (await lots.exists({ compoundId: compound._id, name: plan.name })) continue;
    const numbers = plan.spaces.flatMap(({ prefix, kind, count }) =>
      Array.from({ length: count }, (_, n) => ({ kind, number: `${prefix}-${String(n + 1).padStart(3, '0')}` })),
    );
    const [lot] = await lots.create([
      {
        name: plan.name,
        capacity: numbers.length,
        maxStayHours: plan.maxStayHours ?? null,
        communityId: compound.communityId,
        compoundId: compound._id,
      },
    ]);
    await spaces.insertMany(
      numbers.map((space) => ({
        ...space,
        lotId: lot._id,
        communityId: compound.communityId,
        compoundId: compound._id,
      })),
    );
    added += 1;
  }
  log(`demo data: ${added} parking lots added`);
}

async function loadCostShares(
  facilities: Connection,
  organization: Connection,
  log: (line: string) => void,
): Promise<void> {
  const ledgers = modelOn(facilities, CostShare.name, CostShareSchema);
  await ledgers.init();
  const compounds = await compoundsByName(
    organization,
    DEMO_COST_SHARES.map((plan) => plan.compound),
  );
  let added = 0;
  for (const plan of DEMO_COST_SHARES) {
    const compound = compounds.get(plan.compound)?.compound;
    if (!compound || (await ledgers.exists({ compoundId: compound._id, title: plan.title }))) continue;
    const households = await organization
      .collection<Place>('households')
      .find({ compoundId: compound._id })
      .sort({ _id: 1 })
      .toArray();
    const dues = splitByWeight(
      plan.totalFen,
      households.map(() => 1),
    );
    await ledgers.create({
      title: plan.title,
      totalFen: plan.totalFen,
      splitBy: CostSplit.PER_HOUSEHOLD,
      shares: households.map((household, index) => {
        const paid = index % 3 < plan.paidOfThree;
        return {
          householdId: household._id,
          floorArea: null,
          dueFen: dues[index],
          paidFen: paid ? dues[index] : 0,
          payments: paid ? [{ amountFen: dues[index], at: systemClock.now() }] : [],
        };
      }),
      communityId: compound.communityId,
      compoundId: compound._id,
    });
    added += 1;
  }
  log(`demo data: ${added} shared-cost ledgers added`);
}

/**
 * Loads the demo facilities idempotently, after organization's demo data (infra runs the loaders in that order): what
 * is there already stays as it is. Demo data is the starting state, so it records no events.
 */
export async function loadDemoData(
  facilities: Connection,
  organization: Connection,
  log: (line: string) => void = console.log,
  now: Date = systemClock.now(),
): Promise<void> {
  log(`demo data: ${await copyTerritory(organization, facilities)} places of organization's territory copied`);
  log(`demo data: ${await copyPartnerAgreements(organization, facilities)} co-building agreements copied`);
  log(`demo data: ${await copyAlliances(organization, facilities)} community alliances copied`);
  await loadLamps(facilities, organization, log);
  await loadLampFaults(facilities, log, now);
  await loadRooms(facilities, organization, log);
  await loadRenewalProjects(facilities, organization, log, now);
  await loadParkingLots(facilities, organization, log);
  await loadOverstays(facilities, organization, log, now);
  await loadGardenPlots(facilities, organization, log);
  await loadCostShares(facilities, organization, log);
}

if (require.main === module) runDemoLoader('facilities', ({ own, organization }) => loadDemoData(own, organization));
