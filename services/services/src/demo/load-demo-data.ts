import 'reflect-metadata';
import { copyAlliances, runDemoLoader, withTransaction, systemClock } from '@gongzhi/platform';
import { Connection, Types } from 'mongoose';
import { CancellationCause } from '../care-records/cancellation.schema';
import { givenBy } from '../care-records/provided-care.schema';
import { CareDelivery, CareItem, CareItemSchema } from '../catalogue/care-item.schema';
import { aboutResident } from '../organization-copy/about-resident.schema';
import { AgeBand, isChildUnder14 } from '../organization-copy/age-band';
import type { DirectoryResident } from '../organization-copy/directory.schema';
import {
  DoctorAppointment,
  DoctorAppointmentSchema,
  DoctorAppointmentStatus,
  DoctorRota,
  DoctorRotaSchema,
} from '../doctor-rota/doctor-rota.schema';
import { type RotaTimes, Weekday, slotStarts } from '../doctor-rota/rota-calendar';
import { CareOrder, CareOrderSchema } from '../orders/care-order.schema';
import { CareOrderStatus } from '../orders/care-order.steps';
import { CareProvider, CareProviderKind, CareProviderSchema } from '../providers/care-provider.schema';
import {
  CareSession,
  CareSessionSchema,
  SessionBooking,
  SessionBookingSchema,
  SessionBookingStatus,
} from '../sessions/care-session.schema';
import { TimeBankEntry, TimeBankEntrySchema } from '../time-bank/time-bank.schema';
import { CHILDCARE, ELDER_CARE, type ItemPlan, VOLUNTEER_TITLES, choose } from './demo-catalogue';
import { copyOrganizationDirectory } from './organization-copy';

type Doc = Record<string, unknown> & { _id: Types.ObjectId };
type ProviderDoc = Doc & Pick<CareProvider, 'kind' | 'partnerUnitId' | 'residentId' | 'communityId'>;
type ItemDoc = Doc & Pick<CareItem, 'communityId' | 'name'>;
type Resident = DirectoryResident & { _id: Types.ObjectId; name: string };
type Partner = { _id: Types.ObjectId; name: string; kind: string };

const DAY_MS = 24 * 3600_000;
/** Partners that give care; a property company helps with errands and visits only. */
const CARE_GIVING_KINDS = ['SCHOOL', 'UNIVERSITY', 'INSTITUTE', 'HOSPITAL', 'ENTERPRISE', 'SOCIAL_ORGANISATION'];
const ERRANDS = ['代购代办', '上门探访'];

/** Everything one community's care adds, gathered first and inserted in one transaction. */
class CommunityBatch {
  readonly providers: ProviderDoc[] = [];
  readonly items: ItemDoc[] = [];
  readonly sessions: Doc[] = [];
  readonly bookings: Doc[] = [];
  readonly orders: Doc[] = [];
  readonly credits: Doc[] = [];
  readonly rotas: Doc[] = [];
  readonly appointments: Doc[] = [];
}

interface CommunityPlan {
  community: { _id: Types.ObjectId; name: string };
  partners: Partner[];
  residents: Resident[];
  /** The demo user 罗淑芬, who should find orders of her own. */
  demoResidentId: string | null;
  now: Date;
}

function planCommunity({ community, partners, residents, demoResidentId, now }: CommunityPlan): CommunityBatch {
  const batch = new CommunityBatch();
  const key = (what: string) => `${community.name}:${what}`;
  const provider = (fields: Partial<CareProvider> & { kind: CareProviderKind; name: string }): ProviderDoc => {
    const doc: ProviderDoc = {
      _id: new Types.ObjectId(),
      communityId: community._id,
      description: null,
      partnerUnitId: null,
      residentId: null,
      coordinatorId: null,
      ...fields,
    };
    batch.providers.push(doc);
    return doc;
  };
  const partnerProviders = partners.map((partner) => ({
    partner,
    doc: provider({ kind: CareProviderKind.PARTNER_UNIT, name: providerName(partner), partnerUnitId: partner._id }),
  }));
  const coordinator = partnerProviders.find(({ partner }) => partner.kind === 'SOCIAL_ORGANISATION')?.doc;
  const adults = residents.filter(
    (resident) => resident.ageBand === AgeBand.AGE_18_TO_59 && String(resident._id) !== demoResidentId,
  );
  const volunteers = [0, 1]
    .map((index) => adults[choose(key(`volunteer ${index}`), Math.max(adults.length, 1))])
    .filter((resident, index, chosen): resident is Resident => Boolean(resident) && chosen.indexOf(resident) === index)
    .map((resident, index) => {
      const title = VOLUNTEER_TITLES[(choose(key('title'), VOLUNTEER_TITLES.length) + index) % VOLUNTEER_TITLES.length];
      return provider({
        kind: CareProviderKind.VOLUNTEER,
        name: `${title} ${resident.name}`,
        residentId: resident._id,
        coordinatorId: coordinator?._id ?? null,
      });
    });

  for (const plan of [...ELDER_CARE, ...CHILDCARE]) {
    const givers = [
      ...partnerProviders
        .filter(({ partner }) => CARE_GIVING_KINDS.includes(partner.kind) || ERRANDS.includes(plan.name))
        .map(({ doc }) => doc),
      ...(plan.volunteersMayGive ? volunteers : []),
    ];
    // Most communities offer most of it; the rest varies, as it does street by street.
    if (givers.length === 0 || (!plan.everywhere && choose(key(plan.name), 10) >= 7)) continue;
    const item = planItem(batch, community._id, plan, givers);
    const eligible = residents.filter(
      (resident) => resident.ageBand !== null && plan.ageBands.includes(resident.ageBand),
    );
    if (plan.delivery === CareDelivery.IN_SESSIONS) planSessions(batch, item, plan, givers[0], eligible, now);
    else planOrderHistory(batch, item, givers, eligible, demoResidentId, key, now);
  }
  if (community.name === '龙惠社区') {
    const clinic = ['HOSPITAL', 'ENTERPRISE']
      .map((kind) => partnerProviders.find(({ partner }) => partner.kind === kind)?.doc)
      .find(Boolean);
    if (clinic) planDoctorRota(batch, community._id, clinic, residents, now);
  }
  return batch;
}

function providerName(partner: Partner): string {
  if (partner.kind === 'SCHOOL') return `${partner.name}学生志愿服务队`;
  if (partner.kind === 'UNIVERSITY') return `${partner.name}社会工作实践队`;
  if (partner.kind === 'PROPERTY_COMPANY') return `${partner.name}便民服务`;
  if (partner.kind === 'SOCIAL_ORGANISATION') return partner.name;
  return `${partner.name}健康服务队`;
}

function planItem(batch: CommunityBatch, communityId: Types.ObjectId, plan: ItemPlan, givers: ProviderDoc[]): ItemDoc {
  const item: ItemDoc = {
    _id: new Types.ObjectId(),
    name: plan.name,
    description: plan.description,
    category: plan.category,
    communityId,
    delivery: plan.delivery,
    eligibility: { ageBands: plan.ageBands, residentsOnly: true },
    cost: { fullPriceFen: null, ...plan.cost },
    providerIds: givers.map((giver) => giver._id),
    partnerUnitIds: givers.filter((giver) => giver.partnerUnitId).map((giver) => giver.partnerUnitId),
    sessionCapacity: plan.sessionCapacity ?? null,
    scheduleNote: plan.scheduleNote ?? null,
  };
  batch.items.push(item);
  return item;
}

/** A past session with its places taken, and two coming ones filling up. Children are not booked: no guardian has consented in the demo. */
function planSessions(
  batch: CommunityBatch,
  item: ItemDoc,
  plan: ItemPlan,
  giver: ProviderDoc,
  eligible: Resident[],
  now: Date,
): void {
  const bookable = eligible.filter((resident) => !isChildUnder14(resident.ageBand));
  for (const [index, daysAway] of [-7, 3, 10].entries()) {
    const startsAt = new Date(Math.floor((now.getTime() + daysAway * DAY_MS) / 3600_000) * 3600_000);
    const capacity = plan.sessionCapacity!;
    const booked = bookable.slice(index, index + Math.min(capacity, daysAway < 0 ? 6 : 3));
    const session: Doc = {
      _id: new Types.ObjectId(),
      itemId: item._id,
      providerId: giver._id,
      communityId: item.communityId,
      title: `${plan.name} 第${index + 1}期`,
      location: null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
      capacity,
      confirmedCount: booked.length,
      waitlistedCount: 0,
      waitlistSeq: 0,
    };
    batch.sessions.push(session);
    for (const resident of booked) {
      batch.bookings.push({
        _id: new Types.ObjectId(),
        sessionId: session._id,
        itemId: item._id,
        status: SessionBookingStatus.CONFIRMED,
        queuedSeq: null,
        promotedAt: null,
        cancellation: null,
        history: [
          { status: SessionBookingStatus.CONFIRMED, at: new Date(startsAt.getTime() - 5 * DAY_MS), note: null },
        ],
        onBehalf: false,
        ...givenBy(giver, item),
        ...aboutResident(resident),
      });
    }
  }
}

/** The reasons given for the demo's declined and cancelled orders, also kept as the note of that step. */
const REASONS: Partial<Record<CareOrderStatus, string>> & Record<'DECLINED' | 'CANCELLED', string> = {
  DECLINED: '本周人手已排满',
  CANCELLED: '家人已安排',
};

/** How orders of the past weeks ended, most of them rated; a few are still on their way. */
const OUTCOMES = [
  CareOrderStatus.RATED,
  CareOrderStatus.RATED,
  CareOrderStatus.RATED,
  CareOrderStatus.COMPLETED,
  CareOrderStatus.SCHEDULED,
  CareOrderStatus.ACCEPTED,
  CareOrderStatus.PLACED,
  CareOrderStatus.CANCELLED,
  CareOrderStatus.DECLINED,
];
const PATH_TO: Record<CareOrderStatus, CareOrderStatus[]> = {
  PLACED: [],
  ACCEPTED: [CareOrderStatus.ACCEPTED],
  DECLINED: [CareOrderStatus.DECLINED],
  SCHEDULED: [CareOrderStatus.ACCEPTED, CareOrderStatus.SCHEDULED],
  COMPLETED: [CareOrderStatus.ACCEPTED, CareOrderStatus.SCHEDULED, CareOrderStatus.COMPLETED],
  RATED: [CareOrderStatus.ACCEPTED, CareOrderStatus.SCHEDULED, CareOrderStatus.COMPLETED, CareOrderStatus.RATED],
  CANCELLED: [CareOrderStatus.CANCELLED],
};
const COMMENTS = ['很准时，服务周到', '小伙子很耐心', '饭菜软烂，合老人口味', '下次还找他们', null];

function planOrderHistory(
  batch: CommunityBatch,
  item: ItemDoc,
  givers: ProviderDoc[],
  eligible: Resident[],
  demoResidentId: string | null,
  key: (what: string) => string,
  now: Date,
): void {
  const demoResident = eligible.find((resident) => String(resident._id) === demoResidentId);
  const others = eligible.filter((resident) => resident !== demoResident && !isChildUnder14(resident.ageBand));
  const count = Math.min(others.length, 3 + choose(key(`${item.name} orders`), 3));
  const recipients = [
    ...(demoResident ? [demoResident] : []),
    ...Array.from(
      { length: count },
      (_, index) => others[(choose(key(`${item.name} ${index}`), others.length) + index) % others.length],
    ),
  ];
  recipients.forEach((resident, index) => {
    const status = OUTCOMES[choose(key(`${item.name} outcome ${index}`), OUTCOMES.length)];
    const giver = givers[index % givers.length];
    const placedAt = new Date(now.getTime() - (2 + choose(key(`${item.name} when ${index}`), 40)) * DAY_MS);
    const steps = [CareOrderStatus.PLACED, ...PATH_TO[status]].map((step, at) => ({
      status: step,
      at: new Date(placedAt.getTime() + (at * DAY_MS) / 4),
      note: REASONS[step] ?? null,
    }));
    const delivered = status === CareOrderStatus.COMPLETED || status === CareOrderStatus.RATED;
    const minutes = 30 + 15 * choose(key(`${item.name} minutes ${index}`), 5);
    const order: Doc = {
      // Lists run newest first by id: the id carries when it was placed.
      _id: new Types.ObjectId(Types.ObjectId.generate(Math.floor(placedAt.getTime() / 1000))),
      status,
      itemId: item._id,
      ...givenBy(giver, item),
      ...aboutResident(resident),
      onBehalf: choose(key(`${item.name} behalf ${index}`), 3) === 0,
      note: null,
      wishedFor: null,
      scheduledFor: steps.find((step) => step.status === CareOrderStatus.SCHEDULED)?.at ?? null,
      declineReason: status === CareOrderStatus.DECLINED ? REASONS.DECLINED : null,
      visit: delivered ? { startedAt: new Date(placedAt.getTime() + DAY_MS / 2), minutes, note: null } : null,
      rating:
        status === CareOrderStatus.RATED
          ? {
              stars: 4 + choose(key(`${item.name} stars ${index}`), 2),
              comment: COMMENTS[index % COMMENTS.length],
              ratedAt: steps.at(-1)!.at,
            }
          : null,
      cancellation:
        status === CareOrderStatus.CANCELLED
          ? { cause: CancellationCause.REQUESTED, reason: REASONS.CANCELLED, at: steps.at(-1)!.at }
          : null,
      history: steps,
      createdAt: placedAt,
    };
    batch.orders.push(order);
    if (delivered && order.volunteerResidentId) {
      batch.credits.push({
        _id: new Types.ObjectId(),
        orderId: order._id,
        volunteerResidentId: order.volunteerResidentId,
        recipientResidentId: resident._id,
        minutes,
      });
    }
  });
}

/** 龙惠社区's 医养融合 studio: doctors sit on Tuesdays and Fridays; a few elders have their next slot booked. */
function planDoctorRota(
  batch: CommunityBatch,
  communityId: Types.ObjectId,
  clinic: ProviderDoc,
  residents: Resident[],
  now: Date,
): void {
  const rota = {
    _id: new Types.ObjectId(),
    communityId,
    providerId: clinic._id,
    doctorName: '全科 陈医生',
    location: '龙惠社区“医养融合”家庭医生工作室',
    weekdays: [Weekday.TUESDAY, Weekday.FRIDAY],
    startTime: '08:30',
    endTime: '11:30',
    slotMinutes: 20,
    validFrom: '2023-06-01',
    validUntil: null,
  } satisfies Doc & RotaTimes;
  batch.rotas.push(rota);
  const slots = slotStarts(rota, new Date(now.getTime() + DAY_MS));
  for (const elder of residents
    .filter((resident) => resident.ageBand === AgeBand.AGE_60_TO_79 || resident.ageBand === AgeBand.AGE_80_PLUS)
    .slice(0, 4)) {
    batch.appointments.push({
      _id: new Types.ObjectId(),
      rotaId: rota._id,
      startsAt: slots.next().value!,
      status: DoctorAppointmentStatus.BOOKED,
      cancellation: null,
      history: [{ status: DoctorAppointmentStatus.BOOKED, at: new Date(now.getTime() - DAY_MS), note: null }],
      onBehalf: false,
      ...givenBy(clinic, rota),
      ...aboutResident(elder),
    });
  }
}

function models(connection: Connection) {
  return {
    providers: connection.model(CareProvider.name, CareProviderSchema),
    items: connection.model(CareItem.name, CareItemSchema),
    sessions: connection.model(CareSession.name, CareSessionSchema),
    bookings: connection.model(SessionBooking.name, SessionBookingSchema),
    orders: connection.model(CareOrder.name, CareOrderSchema),
    credits: connection.model(TimeBankEntry.name, TimeBankEntrySchema),
    rotas: connection.model(DoctorRota.name, DoctorRotaSchema),
    appointments: connection.model(DoctorAppointment.name, DoctorAppointmentSchema),
  };
}

/**
 * Loads the care of every demo community idempotently: a community whose catalogue is there is left as it is. Each
 * community goes in one transaction. Demo data is the starting state, so it records no events. Organization's demo is
 * read from its database (`organization`), which only this development fixture does — running services learns about
 * organization from its events alone.
 */
export async function loadDemoData(
  services: Connection,
  organization: Connection,
  log: (line: string) => void = console.log,
  now = systemClock.now(),
): Promise<void> {
  const copied = await copyOrganizationDirectory(services, organization);
  log(
    `demo data: services' directory holds ${copied.places} places, ${copied.residents} residents and ${copied.partners} partners of organization`,
  );
  const m = models(services);
  await Promise.all(Object.values(m).map((model) => model.init()));
  const [communities, partners, names, demoUser] = await Promise.all([
    organization
      .collection<Doc & { name: string }>('communities')
      .find({}, { projection: { name: 1 } })
      .sort({ name: 1 })
      .toArray(),
    organization
      .collection<Partner & { agreements: { communityId: Types.ObjectId }[] }>('partner_units')
      .find()
      .toArray(),
    organization
      .collection<Doc & { name: string }>('residents')
      .find({ movedOutAt: null }, { projection: { name: 1 } })
      .toArray(),
    organization
      .collection<{ residentId: Types.ObjectId | null }>('role_bindings')
      .findOne({ subject: 'demo:resident' }),
  ]);
  const nameOf = new Map(names.map((row) => [String(row._id), row.name]));
  const living = (
    await services
      .collection<DirectoryResident & { _id: Types.ObjectId }>('directory_residents')
      .find({ movedOutAt: null })
      .toArray()
  ).map((row) => ({
    ...row,
    name: nameOf.get(String(row._id)) ?? '',
  }));
  let loaded = 0;
  for (const community of communities) {
    if (await m.items.exists({ communityId: community._id })) continue;
    const batch = planCommunity({
      community,
      partners: partners.filter((partner) =>
        partner.agreements.some((agreement) => agreement.communityId.equals(community._id)),
      ),
      residents: living.filter((resident) => resident.communityId.equals(community._id)),
      demoResidentId: demoUser?.residentId ? String(demoUser.residentId) : null,
      now,
    });
    await withTransaction(services, async (session) => {
      await m.providers.insertMany(batch.providers, { session });
      await m.items.insertMany(batch.items, { session });
      await m.sessions.insertMany(batch.sessions, { session });
      await m.bookings.insertMany(batch.bookings, { session });
      await m.orders.insertMany(batch.orders, { session });
      await m.credits.insertMany(batch.credits, { session });
      await m.rotas.insertMany(batch.rotas, { session });
      await m.appointments.insertMany(batch.appointments, { session });
    });
    loaded += 1;
    log(
      `demo data: ${community.name} — ${batch.items.length} care items, ${batch.providers.length} providers, ${batch.orders.length} orders, ${batch.sessions.length} sessions`,
    );
  }
  await shareDemoSession(services, organization, log, now);
  log(`demo data: care of ${loaded} communities added, ${communities.length - loaded} already there`);
}

/**
 * 活动方案共办 (seed 000): 龙景社区's next session is opened to 大龙景社区联盟, so 龙昌 and 龙康's residents book it as
 * 龙景's do. Once: a demo that already shares a session is left as it is.
 */
async function shareDemoSession(
  services: Connection,
  organization: Connection,
  log: (line: string) => void,
  now: Date,
): Promise<void> {
  log(`demo data: ${await copyAlliances(organization, services)} community alliances copied`);
  const sessions = services.collection('care_sessions');
  if (await sessions.findOne({ sharedWithAllianceId: { $ne: null } })) return;
  const [alliance, longjing] = await Promise.all([
    organization.collection('community_alliances').findOne({ name: '大龙景社区联盟' }),
    organization.collection('communities').findOne({ name: '龙景社区' }),
  ]);
  // An item for adults, so the demo's residents of 龙昌 and 龙康 can take a place without a guardian's consent.
  const forAdults = longjing
    ? await services
        .collection('care_items')
        .find(
          {
            communityId: longjing._id,
            delivery: CareDelivery.IN_SESSIONS,
            'eligibility.ageBands': AgeBand.AGE_60_TO_79,
          },
          { projection: { _id: 1 } },
        )
        .toArray()
    : [];
  const next = alliance
    ? await sessions.findOne(
        { itemId: { $in: forAdults.map((item) => item._id) }, startsAt: { $gt: now } },
        { sort: { startsAt: 1 } },
      )
    : null;
  if (!next) {
    log('demo data: no session of 龙景社区 to share with 大龙景社区联盟');
    return;
  }
  await sessions.updateOne({ _id: next._id }, { $set: { sharedWithAllianceId: alliance!._id } });
  log(`demo data: ${String(next.title)} of 龙景社区 opened to 大龙景社区联盟`);
}

if (require.main === module) runDemoLoader('services', ({ own, organization }) => loadDemoData(own, organization));
