import { useMemo, useState } from 'react';
import { useQuery } from '../api/use-query';
import { LampMap, type MapLamp } from '../components/LampMap';
import { Problems } from '../components/Problems';
import { RoomCalendar } from '../components/RoomCalendar';
import { weekDates } from '../components/room-calendar-layout';
import { AGE_BAND_LABELS, FAULT_STATUS_LABELS, RELATION_LABELS } from '../labels';

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

function Lamps({ communityId, token }: { communityId: string; token?: string }) {
  const { data, errors } = useQuery('CommunityLamps', { id: communityId }, token);
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
      <Problems errors={errors} />
    </section>
  );
}

function RoomWeek({ roomId, token }: { roomId: string; token?: string }) {
  const dates = useMemo(() => weekDates(new Date()), []);
  const [d0, d1, d2, d3, d4, d5, d6] = dates;
  const { data, errors } = useQuery('RoomWeek', { id: roomId, d0, d1, d2, d3, d4, d5, d6 }, token);
  const room = data?.room;
  return (
    <>
      {room && (
        <RoomCalendar
          roomName={room.name}
          dates={dates}
          days={[room.day0, room.day1, room.day2, room.day3, room.day4, room.day5, room.day6]}
        />
      )}
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

/** A community (社区): its compounds and buildings with residents, its lamps on a map, its rooms' week. */
export function CommunityPage({ communityId, token }: { communityId: string; token?: string }) {
  return (
    <main className="community-page">
      <Territory communityId={communityId} token={token} />
      <Lamps communityId={communityId} token={token} />
      <Rooms communityId={communityId} token={token} />
    </main>
  );
}
