import type { ApiError } from './client';

/** The API's error codes (docs/errors.md) the console's views and actions meet, as a person should read them. */
const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您的角色无权查看这部分内容',
  NOT_FOUND: '找不到这条记录',
  SUBGRAPH_UNAVAILABLE: '这部分服务暂时不可用，请稍后再试',
  SUBGRAPH_TIMEOUT: '这部分服务响应超时，请稍后再试',
  QUERY_TOO_COSTLY: '一次查询的内容太多，请缩小范围',
  NETWORK: '连接不上服务器',
  GATEWAY_UNAVAILABLE: '网关暂时不可用',
  INTERNAL_SERVER_ERROR: '服务器出了问题，请稍后再试',
  BAD_USER_INPUT: '填写的内容有误，请检查后再提交',
  // Writes: what an Idempotency-Key answers.
  DEADLINE_EXCEEDED: '服务器没能及时完成，什么都没有改变，请再试一次',
  OUTCOME_UNKNOWN: '不确定是否已经提交成功，请刷新查看后再决定是否重试',
  IDEMPOTENCY_KEY_IN_PROGRESS: '上一次提交还在处理中，请稍候再试',
  IDEMPOTENCY_KEY_REUSED: '这次提交与上一次不同，请重新提交',
  IDEMPOTENCY_UNAVAILABLE: '暂时无法提交，请稍后再试',
  // Deliberation: motions and ballots.
  'MOTION.ALREADY_CO_SIGNED': '您已经联名过这个议题',
  'MOTION.RAISER_CANNOT_CO_SIGN': '议题的发起人不需要再联名',
  'MOTION.CO_SIGNERS_MISSING': '联名人数还不够，暂时不能提交',
  'MOTION.ILLEGAL_STEP': '议题当前所处的阶段不能进行这一步，请刷新后查看',
  'MOTION.CHANGED_MEANWHILE': '议题刚被别人改动过，请刷新后重试',
  'MOTION.NOT_FOUND': '找不到这个议题',
  'MOTION.OWNERS_MATTER_NEEDS_COMPOUND': '业主共同决定事项要在小区或楼栋发起，不能面向整个社区',
  'MOTION.UNKNOWN_LAMPS': '所选路灯不在台账中',
  'MOTION.LAMPS_ELSEWHERE': '所选路灯不在本社区',
  'VOTE.ALREADY_VOTED': '您已经投过票了，每人只能投一次',
  'VOTE.NOT_ON_ROLL': '您不在这次投票的名册上（名册在开始投票时确定）',
  'VOTE.CLOSED': '投票已经结束',
  'VOTE.NOT_OPEN': '这个议题现在没有进行中的投票',
  'VOTE.INVALID_BALLOT': '选票填写无效，请检查选择',
  // Facilities: rooms and lamps.
  'ROOM_BOOKING.SLOT_TAKEN': '这个时段已经有人预约了，请换一个时段',
  'ROOM_BOOKING.IN_THE_PAST': '只能预约将来的时段',
  'ROOM_BOOKING.NOT_ON_SLOTS': '预约要从整点或半点开始，至少一个时段',
  'ROOM_BOOKING.OUTSIDE_OPENING_HOURS': '活动室在这个时间不开放',
  'ROOM_BOOKING.OVER_CAPACITY': '人数超过了活动室的容量',
  'ROOM_BOOKING.TOO_LONG': '一次预约的时间太长了',
  'ROOM.NOT_FOUND': '找不到这个活动室',
  'LAMP_FAULT.ALREADY_EXISTS': '这盏路灯的这个故障已经有人报修，正在处理中',
  'LAMP.NOT_FOUND': '找不到这盏路灯',
  // Services: ordering care (点单).
  'CARE_ITEM.CONSENT_REQUIRED':
    '为他人点单需要居民本人签署的同意书涵盖这类服务，请先到社区登记居民的同意，或由居民本人下单',
  'CARE_ITEM.GUARDIAN_CONSENT_REQUIRED': '为14岁以下的孩子点单，需要监护人签署的同意书涵盖这类服务，请先到社区登记',
  'CARE_ITEM.NOT_ELIGIBLE': '这位居民不符合这项服务的条件（年龄段或只面向本社区居民）',
  'CARE_ITEM.PROVIDER_REQUIRED': '这项服务有多个服务方，请选择一个',
  'CARE_ITEM.INVALID_PROVIDER': '所选服务方不提供这项服务，请重新选择',
  'CARE_ITEM.NOT_FOUND': '找不到这项服务，请刷新后重试',
  'CARE_ORDER.ITEM_RUNS_IN_SESSIONS': '这项服务按场次开展，请预约场次，不能点单',
  'RESIDENT.NOT_FOUND': '找不到这位居民的登记信息',
  'RESIDENT.MOVED_OUT': '这位居民已经迁出，不能再为其点单',
};

/** What a refusal means where an action was refused rather than a read: FORBIDDEN said for ordering care. */
export const ORDER_MESSAGES: Record<string, string> = {
  FORBIDDEN: '只有居民本人和同户家人，或负责该处的社区书记、网格员（代居民）可以点单',
};

/**
 * A clear sentence for an error code (`overrides` first: what a code means for one action); unknown codes keep the
 * server's message and show the code.
 */
export function messageFor(error: Pick<ApiError, 'code' | 'message'>, overrides: Record<string, string> = {}): string {
  return overrides[error.code] ?? MESSAGES[error.code] ?? `${error.message || '出错了'}（${error.code}）`;
}

/** The errors that concern one field of the answer (its path starts with `field`). */
export function errorsAt(errors: ApiError[], ...path: (string | number)[]): ApiError[] {
  return errors.filter((error) => path.every((part, index) => error.path?.[index] === part));
}
