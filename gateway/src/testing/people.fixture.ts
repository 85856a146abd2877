import type { Actor, PersonAccess } from '@gongzhi/contracts';
import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';

/** Three communities of 斜塘街道, by id. */
export const COMMUNITIES: Record<string, string> = {
  'c-淞源': '淞源社区',
  'c-星华': '星华社区',
  'c-翰林': '翰林社区',
};

const jurisdiction = (communityIds: string[]) => ({ communityIds, compoundIds: [], buildingIds: [] });

/** People as organization's person-access endpoint describes them: 斜塘街道's staff see two communities; 翰林社区's secretary sees their own. */
export const PEOPLE: Record<string, PersonAccess> = {
  'idp|wang-fang': {
    subject: 'idp|wang-fang',
    name: '王芳',
    residentId: null,
    householdId: null,
    roles: [{ role: 'STREET_STAFF', orgUnitId: 'ou-斜塘街道', jurisdiction: jurisdiction(['c-淞源', 'c-星华']) }],
  },
  'idp|li-na': {
    subject: 'idp|li-na',
    name: '李娜',
    residentId: null,
    householdId: null,
    roles: [{ role: 'COMMUNITY_SECRETARY', orgUnitId: 'ou-翰林社区', jurisdiction: jurisdiction(['c-翰林']) }],
  },
};

/** The caller a stand-in subgraph sees: the actor of the gateway's internal token (already verified upstream in tests). */
export const actorOf = (req: IncomingMessage): Actor =>
  decodeJwt(String(req.headers.authorization).replace(/^Bearer /, '')).act as Actor;
