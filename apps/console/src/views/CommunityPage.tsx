import { type FormEvent, useMemo, useState } from 'react';
import { useMutation } from '../api/use-mutation';
import { useQuery } from '../api/use-query';
import { ActionResult } from '../components/ActionResult';
import { careBoardColumns } from '../components/care-board-layout';
import { CareOrderBoard } from '../components/CareOrderBoard';
import { CareOrderForm } from '../components/CareOrderForm';
import { optionsOf, SelectField, TextField } from '../components/FormFields';
import { LampMap, type MapLamp } from '../components/LampMap';
import { GardenPlots, ParkingOccupancy } from '../components/Occupancy';
import { Problems } from '../components/Problems';
import { RoomCalendar } from '../components/RoomCalendar';
import { dayHeading, type Slot, slotTime, weekDates } from '../components/room-calendar-layout';
import type { LampFaultServiceCode } from '../graphql/generated';
import { AGE_BAND_LABELS, FAULT_STATUS_LABELS, LAMP_FAULT_SERVICE_LABELS, RELATION_LABELS } from '../labels';

/** The households and residents of one building, as far as the signed-in person may see them (the API decides). */
function BuildingResidents({ buildingId, token }: { buildingId: string; token?: string }) {
  const { data, errors, loading } = useQuery('BuildingResidents', { id: buildingId }, token);
  const households = data?.building?.households;
  if (loading && !data) return <p className="muted">读取中…</p>;
  return (
    <div className="residents" data-testid="residents">
      {households ? (
        <>
          <p className="muted">可见住户 {households.totalCount} 户</p>
          <table>
            <thead>
              <tr>
                <th scope="col">房号</th>
                <th scope="col">姓名</th>
                <th scope="col">身份</th>
                <th scope="col">年龄段</th>
                <th scope="col">电话</th>
                <th scope="col">身份证号</th>
              </tr>
            </thead>
            <tbody>
              {households.edges.flatMap(({ node: household }) =>
                (household.residents?.edges ?? []).map(({ node: resident }) => (
                  <tr key={resident.id}>
                    <td>{household.unitNumber}</td>
                    <td>{resident.name}</td>
                    <td>{RELATION_LABELS[resident.relation]}</td>
                    <td>{AGE_BAND_LABELS[resident.ageBand]}</td>
                    <td>{resident.phoneMasked ?? '—'}</td>
                    <td>{resident.idNumberMasked ?? '—'}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      ) : null}
      <Problems errors={errors} />
    </div>
  );
}

/** 2幢 before 10幢: names compared as people read numbers in them. */
const byName = <T extends { name: string }>(items: T[]) =>
  [...items].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));

function Territory({ communityId, token }: { communityId: string; token?: string }) {
  const { data, errors } = useQuery('CommunityTerritory', { id: communityId }, token);
  const [building, setBuilding] = useState<string>();
  const community = data?.community;
  return (
    <section aria-labelledby="territory-heading">
      <h1>{community?.name ?? '社区'}</h1>
      <h2 id="territory-heading">小区与楼栋</h2>
      {community && (
        <p className="muted">
          {community.city} {community.street}，共 {community.compounds.totalCount} 个小区
        </p>
      )}
      <div className="cards">
        {community?.compounds.edges.map(({ node: compound }) => (
          <div key={compound.id} className="card">
            <h3>
              {compound.name} <span className="tier-badge">{compound.hasPropertyCompany ? '有物业' : '自管'}</span>
            </h3>
            <ul className="buildings" aria-label={`${compound.name} 的楼栋`}>
              {byName(compound.buildings.edges.map((edge) => edge.node)).map((node) => (
                <li key={node.id}>
                  <button type="button" aria-pressed={building === node.id} onClick={() => setBuilding(node.id)}>
                    {node.name}
                    {node.floors ? <span className="muted"> {node.floors}层</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <h3>居民</h3>
      {building ? (
        <BuildingResidents buildingId={building} token={token} />
      ) : (
        <p className="muted">选择一栋楼查看居民</p>
      )}
      <Problems errors={errors} />
    </section>
  );
}

/** Reporting a lamp's fault (an Open311 service code and what was seen); the map then shows the lamp out. */
function ReportFaultForm({ lamps, token, onReported }: { lamps: MapLamp[]; token?: string; onReported: () => void }) {
  const report = useMutation('ReportLampFault', token);
  const [lampId, setLampId] = useState('');
  const [serviceCode, setServiceCode] = useState<LampFaultServiceCode>('LAMP_OUT');
  const [description, setDescription] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await report.run({ input: { lampId, serviceCode, description } })) {
      setDescription('');
      onReported();
    }
  };
  return (
    <form className="action-form" onSubmit={(event) => void submit(event)} aria-labelledby="report-heading">
      <h3 id="report-heading">路灯报修</h3>
      <SelectField
        id="report-lamp"
        label="路灯"
        value={lampId}
        onChange={setLampId}
        placeholder="请选择"
        options={lamps.map((lamp) => ({
          value: lamp.id,
          label: `${lamp.assetNumber}${lamp.placeDescription ? `（${lamp.placeDescription}）` : ''}${lamp.status === 'FAULTY' ? ' · 故障' : ''}`,
        }))}
      />
      <SelectField
        id="report-kind"
        label="故障类型"
        value={serviceCode}
        onChange={setServiceCode}
        options={optionsOf(LAMP_FAULT_SERVICE_LABELS)}
      />
      <TextField id="report-description" label="情况说明" rows={2} value={description} onChange={setDescription} />
      <button type="submit" disabled={report.pending}>
        提交报修
      </button>
      <ActionResult errors={report.errors} done={report.data ? '已报修，路灯已在图上标为故障' : undefined} />
    </form>
  );
}

function Lamps({ communityId, token }: { communityId: string; token?: string }) {
  const { data, errors, reload } = useQuery('CommunityLamps', { id: communityId }, token);
  const lamps: MapLamp[] = useMemo(
    () =>
      data?.community?.lamps?.edges.map(({ node }) => {
        const fault = node.faults.edges[0]?.node;
        const open = fault && fault.status !== 'CLOSED' ? fault : undefined;
        return {
          id: node.id,
          assetNumber: node.assetNumber,
          placeDescription: node.placeDescription,
          status: node.status,
          latitude: node.location.latitude,
          longitude: node.location.longitude,
          ...(open && { escalation: open.escalations.at(-1)?.step, faultStatus: open.status }),
        };
      }) ?? [],
    [data],
  );
  const faulty = data?.community?.lamps?.edges.filter(({ node }) => node.status === 'FAULTY') ?? [];
  return (
    <section aria-labelledby="lamps-heading">
      <h2 id="lamps-heading">路灯（{data?.community?.lamps?.totalCount ?? 0}）</h2>
      {lamps.length > 0 ? <LampMap lamps={lamps} /> : <p className="muted">没有登记的路灯</p>}
      {faulty.length > 0 && (
        <ul className="plain" aria-label="故障路灯">
          {faulty.map(({ node }) => {
            const fault = node.faults.edges[0]?.node;
            return (
              <li key={node.id}>
                {node.assetNumber} {node.placeDescription ?? ''}
                {fault ? `：${FAULT_STATUS_LABELS[fault.status]}` : ''}
              </li>
            );
          })}
        </ul>
      )}
      {lamps.length > 0 && <ReportFaultForm lamps={lamps} token={token} onReported={reload} />}
      <Problems errors={errors} />
    </section>
  );
}

/** Booking one free slot of the week shown; the calendar then shows it taken. */
function BookingForm({
  roomId,
  dates,
  days,
  token,
  onBooked,
}: {
  roomId: string;
  dates: string[];
  days: Slot[][];
  token?: string;
  onBooked: () => void;
}) {
  const book = useMutation('BookRoom', token);
  const now = Date.now();
  const free = days.flatMap((slots, day) =>
    slots
      .filter((slot) => slot.free && Date.parse(slot.startsAt) > now)
      .map((slot) => ({ ...slot, label: `${dayHeading(dates[day])} ${slotTime(slot.startsAt)}` })),
  );
  const [startsAt, setStartsAt] = useState('');
  const [purpose, setPurpose] = useState('');
  const [attendees, setAttendees] = useState(10);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const slot = free.find((candidate) => candidate.startsAt === startsAt);
    if (!slot) return;
    const done = await book.run({
      input: { roomId, startsAt: slot.startsAt, endsAt: slot.endsAt, purpose, attendees },
    });
    if (done) {
      setStartsAt('');
      onBooked();
    }
  };
  return (
    <form className="action-form" onSubmit={(event) => void submit(event)} aria-labelledby="booking-heading">
      <h3 id="booking-heading">预约活动室</h3>
      <SelectField
        id="booking-slot"
        label="时段"
        value={startsAt}
        onChange={setStartsAt}
        placeholder="请选择空闲时段"
        options={free.map((slot) => ({ value: slot.startsAt, label: slot.label }))}
      />
      <TextField id="booking-purpose" label="用途" maxLength={100} value={purpose} onChange={setPurpose} />
      <label htmlFor="booking-attendees">人数</label>
      <input
        id="booking-attendees"
        type="number"
        min={1}
        required
        value={attendees}
        onChange={(event) => setAttendees(Number(event.target.value))}
      />
      <button type="submit" disabled={book.pending}>
        预约
      </button>
      <ActionResult errors={book.errors} done={book.data ? '预约成功' : undefined} />
    </form>
  );
}

function RoomWeek({ roomId, token }: { roomId: string; token?: string }) {
  const dates = useMemo(() => weekDates(new Date()), []);
  const [d0, d1, d2, d3, d4, d5, d6] = dates;
  const { data, errors, reload } = useQuery('RoomWeek', { id: roomId, d0, d1, d2, d3, d4, d5, d6 }, token);
  const room = data?.room;
  const days = room ? [room.day0, room.day1, room.day2, room.day3, room.day4, room.day5, room.day6] : [];
  return (
    <>
      {room && <RoomCalendar roomName={room.name} dates={dates} days={days} />}
      {room && <BookingForm roomId={roomId} dates={dates} days={days} token={token} onBooked={reload} />}
      <Problems errors={errors} />
    </>
  );
}

function Rooms({ communityId, token }: { communityId: string; token?: string }) {
  const { data, errors } = useQuery('CommunityRooms', { id: communityId }, token);
  const rooms = data?.community?.rooms?.edges.map((edge) => edge.node) ?? [];
  const [chosen, setChosen] = useState<string>();
  const roomId = chosen ?? rooms[0]?.id;
  return (
    <section aria-labelledby="rooms-heading">
      <h2 id="rooms-heading">活动室（{rooms.length}）</h2>
      {rooms.length > 0 && (
        <>
          <label htmlFor="room-picker">活动室</label>{' '}
          <select id="room-picker" value={roomId} onChange={(event) => setChosen(event.target.value)}>
            {rooms.map((room) => (
              <option key={room.id} value={room.id}>
                {room.name}（{room.capacity}人）
              </option>
            ))}
          </select>
        </>
      )}
      {roomId && <RoomWeek roomId={roomId} token={token} />}
      <Problems errors={errors} />
    </section>
  );
}

/**
 * The community's care orders on a board by status for staff whose roles reach it; for anyone else (the API refuses
 * them the community's) the orders they may see: a resident her household's.
 */
function PlaceCareOrder({
  communityId,
  token,
  onPlaced,
}: {
  communityId: string;
  token?: string;
  onPlaced: () => void;
}) {
  const catalogue = useQuery('CareCatalogue', { placeId: communityId }, token);
  const [search, setSearch] = useState('');
  const recipients = useQuery('CareRecipients', { placeId: communityId, ...(search && { search }) }, token);
  const place = useMutation('PlaceCareOrder', token);
  const items = catalogue.data?.careItems?.edges.map((edge) => edge.node) ?? [];
  if (items.length === 0) return <Problems errors={catalogue.errors} />;
  const placed = place.data?.placeCareOrder.careOrder;
  return (
    <CareOrderForm
      items={items}
      recipients={recipients.data?.residents?.edges.map((edge) => edge.node) ?? []}
      onSearch={setSearch}
      onPlace={async (input) => {
        const done = await place.run({ input });
        if (done) onPlaced();
        return Boolean(done);
      }}
      pending={place.pending}
      errors={place.errors}
      done={placed ? `已下单：${placed.item.name}，服务方 ${placed.provider.name}，等待受理` : undefined}
    />
  );
}

function CareOrders({ communityId, token }: { communityId: string; token?: string }) {
  const community = useQuery('CareOrderBoard', { placeId: communityId }, token);
  const refused =
    !community.loading &&
    community.errors.length > 0 &&
    community.errors.every((error) => error.code === 'FORBIDDEN') &&
    !Object.values(community.data ?? {}).some(Boolean);
  const own = useQuery('CareOrderBoard', refused ? {} : null, token);
  const { data, errors, loading } = refused ? own : community;
  const columns = useMemo(() => (data ? careBoardColumns(data) : []), [data]);
  const total = columns.reduce((sum, column) => sum + column.totalCount, 0);
  return (
    <section aria-labelledby="care-heading">
      <h2 id="care-heading">
        {refused ? '我能看到的' : ''}助老助幼服务单（{total}）
      </h2>
      {loading && !data ? <p className="muted">读取中…</p> : <CareOrderBoard columns={columns} />}
      <Problems errors={errors} />
      <PlaceCareOrder communityId={communityId} token={token} onPlaced={refused ? own.reload : community.reload} />
    </section>
  );
}

/** Counts only a lot's parking managers see: their cells say 无权查看 for anyone else, so no alert for them. */
const MANAGERS_ONLY = new Set(['activePermits', 'waitingPermits', 'overstays']);

/** The community's parking lots (vehicles inside against spaces) and garden plots (claimed or free). */
function Occupancy({ communityId, token }: { communityId: string; token?: string }) {
  const { data, errors } = useQuery('CommunityOccupancy', { id: communityId }, token);
  const lots = data?.community?.parkingLots?.edges.map((edge) => edge.node) ?? [];
  const plots = data?.community?.gardenPlots?.edges.map((edge) => edge.node) ?? [];
  const shown = errors.filter(
    (error) => !(error.code === 'FORBIDDEN' && error.path?.some((key) => MANAGERS_ONLY.has(String(key)))),
  );
  return (
    <section aria-labelledby="occupancy-heading">
      <h2 id="occupancy-heading">停车与花圃</h2>
      <h3>停车场（{lots.length}）</h3>
      {lots.length > 0 ? <ParkingOccupancy lots={lots} /> : <p className="muted">没有登记的停车场</p>}
      <h3>共享花圃（{plots.length}）</h3>
      {plots.length > 0 ? <GardenPlots plots={plots} /> : <p className="muted">没有登记的花圃</p>}
      <Problems errors={shown} />
    </section>
  );
}

/**
 * A community (社区): its compounds and buildings with residents, its care orders by status, its lamps on a map, its
 * parking and garden plots, its rooms' week.
 */
export function CommunityPage({ communityId, token }: { communityId: string; token?: string }) {
  return (
    <main className="community-page">
      <nav aria-label="社区页面" className="sub-nav">
        <a href={`#/community/${communityId}/motions`}>议事协商</a>
      </nav>
      <Territory communityId={communityId} token={token} />
      <CareOrders communityId={communityId} token={token} />
      <Lamps communityId={communityId} token={token} />
      <Occupancy communityId={communityId} token={token} />
      <Rooms communityId={communityId} token={token} />
    </main>
  );
}
