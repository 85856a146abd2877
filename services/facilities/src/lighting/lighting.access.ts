import type { Actor, ApiKeyScope, Role } from '@gongzhi/contracts';
import {
  asObjectId,
  currentActor,
  holdsRole,
  isTrustedService,
  jurisdictionFilter,
  partnerMay,
  requirePermission,
  serviceOrRoleCovering,
} from '@gongzhi/platform';
import type { QueryFilter } from 'mongoose';
import { placeOf } from '../organization-copy/place';
import type { LampFault } from './lamp-fault.schema';
import { LampRenewalProjectAction } from './lamp-renewal-steps';
import { faultSteps, LampFaultAction, LampWorkOrderAction, workOrderSteps } from './lamp-steps';
import type { LampWorkOrder } from './lamp-work-order.schema';

/**
 * Lamps, their faults and renewal projects are public, as Open311 requests are: residents see that a dark lamp is
 * already reported. Who reported it, and the work orders behind it, are not.
 */

/** Putting lamps on the map: the street and the community office. */
const LAMP_REGISTRARS: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_SECRETARY'];
/** Assigning work orders and following them: the street, the community office and its grid workers. */
const WORK_ORDER_MANAGERS: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_SECRETARY', 'GRID_WORKER'];
/**
 * Renewal projects' tender, start, acceptance (验收) and cancellation, and accepting one with a lamp still faulty under
 * an override: the street and the community office.
 */
const RENEWAL_MANAGERS: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_SECRETARY'];
/** The whistle is the street's: it records the department reporting in. */
const WHISTLE_BLOWERS: readonly Role[] = ['STREET_STAFF'];

const LAMPS_READ: ApiKeyScope = 'facilities:lamps:read';
const LAMPS_WRITE: ApiKeyScope = 'facilities:lamps:write';
const FAULTS_REPORT: ApiKeyScope = 'facilities:lamp-faults:report';

type Placed = { communityId: unknown; compoundId?: unknown; buildingId?: unknown };
type Assigned = Placed & Pick<LampWorkOrder, 'partnerUnitId'>;

export function mayRegisterLampAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), LAMP_REGISTRARS, actor);
}

/**
 * Who may report faults at all: any signed-in person (the reporter is recorded), and a partner whose key has
 * `facilities:lamp-faults:report` (Open311 POST requests). Anonymous callers may not.
 */
export function mayReportFaults(actor: Actor = currentActor()): boolean {
  return (
    actor.kind === 'person' ||
    isTrustedService(actor) ||
    (actor.kind === 'partner' && actor.scopes.includes(FAULTS_REPORT))
  );
}

/** A fault of this lamp: people anywhere; a partner only in the communities of its agreements in force. */
export function mayReportFaultOf(lamp: Placed, actor: Actor = currentActor()): boolean {
  return actor.kind !== 'partner' ? mayReportFaults(actor) : partnerMay(FAULTS_REPORT, placeOf(lamp), actor);
}

export function mayManageWorkOrdersAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), WORK_ORDER_MANAGERS, actor);
}

export function mayManageRenewalsAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), RENEWAL_MANAGERS, actor);
}

/**
 * A step of a renewal project: the street and the community office take every one; the contractor that won the
 * tender starts work (开工) on its own project, with a key that may work on lamps (`facilities:lamps:write`), while its
 * agreement with the project's community is in force. Tender, acceptance (验收) and cancellation stay the community's.
 */
export function mayTakeRenewalStep(
  project: Placed & { contractorId?: unknown },
  action: LampRenewalProjectAction,
  actor: Actor = currentActor(),
): boolean {
  return (
    mayManageRenewalsAt(project, actor) ||
    (action === LampRenewalProjectAction.START && isPartnerOf(project.contractorId, project, LAMPS_WRITE, actor))
  );
}

export function mayRecordDepartmentReportAt(place: Placed, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(placeOf(place), WHISTLE_BLOWERS, actor);
}

/** The reporter: the managers of the place, and the reporter themself. */
export function mayReadReporter(
  fault: Placed & Pick<LampFault, 'reporterSubject'>,
  actor: Actor = currentActor(),
): boolean {
  return mayManageWorkOrdersAt(fault, actor) || (actor.kind === 'person' && actor.id === fault.reporterSubject);
}

/** Who may take each step of a fault: the same checks its mutations make. */
const FAULT_STEP_TAKERS: Record<LampFaultAction, (place: Placed, actor: Actor) => boolean> = {
  [LampFaultAction.ASSIGN_WORK_ORDER]: mayManageWorkOrdersAt,
  [LampFaultAction.RECORD_DEPARTMENT_REPORT]: mayRecordDepartmentReportAt,
};

/** The steps of the fault's state machine open now that the caller may take. */
export function faultStepsFor(
  fault: Placed & Pick<LampFault, 'status' | 'escalations'>,
  actor: Actor = currentActor(),
): LampFaultAction[] {
  return faultSteps(fault).filter((step) => FAULT_STEP_TAKERS[step](fault, actor));
}

/** The partner named (a work order's, a project's contractor), with the scope, in a community of its agreements. */
function isPartnerOf(partnerUnitId: unknown, place: Placed, scope: ApiKeyScope, actor: Actor): boolean {
  return (
    actor.kind === 'partner' &&
    partnerUnitId != null &&
    actor.partnerUnitId === String(partnerUnitId) &&
    partnerMay(scope, placeOf(place), actor)
  );
}

function isAssignedPartner(order: Assigned, scope: ApiKeyScope, actor: Actor): boolean {
  return isPartnerOf(order.partnerUnitId, order, scope, actor);
}

export function mayReadWorkOrder(order: Assigned, actor: Actor = currentActor()): boolean {
  return (
    mayManageWorkOrdersAt(order, actor) ||
    isAssignedPartner(order, LAMPS_READ, actor) ||
    isAssignedPartner(order, LAMPS_WRITE, actor)
  );
}

/** Updating and closing: the partner the order is assigned to, with `facilities:lamps:write`, in its communities. */
export function mayWorkOn(order: Assigned, actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || isAssignedPartner(order, LAMPS_WRITE, actor);
}

/** Who may take each step of a work order: the same checks its mutations make. */
const WORK_ORDER_STEP_TAKERS: Record<LampWorkOrderAction, (order: Assigned, actor: Actor) => boolean> = {
  [LampWorkOrderAction.REPORT_PROGRESS]: mayWorkOn,
  [LampWorkOrderAction.CLOSE]: mayWorkOn,
  [LampWorkOrderAction.REASSIGN]: mayManageWorkOrdersAt,
};

/** The steps of the work order open now that the caller may take. */
export function workOrderStepsFor(
  order: Assigned & Pick<LampWorkOrder, 'status'>,
  actor: Actor = currentActor(),
): LampWorkOrderAction[] {
  return workOrderSteps(order).filter((step) => WORK_ORDER_STEP_TAKERS[step](order, actor));
}

/** The work orders the caller may list: the managers' jurisdiction, or a partner's own orders in its communities. */
export function workOrderListFilter(actor: Actor = currentActor()): QueryFilter<LampWorkOrder> {
  if (isTrustedService(actor)) return {};
  if (actor.kind === 'partner') {
    requirePermission(
      [LAMPS_READ, LAMPS_WRITE].some((scope) => actor.scopes.includes(scope)) && actor.partnerUnitId !== undefined,
      actor,
    );
    const communities = jurisdictionFilter(['PARTNER'], actor, { communityId: 'communityId' }, asObjectId) ?? {
      _id: { $exists: false },
    };
    return { $and: [{ partnerUnitId: asObjectId(actor.partnerUnitId!) }, communities] };
  }
  return managedPlacesFilter(actor);
}

/** The SLA hours of each kind of fault hold across the platform: street staff set them. */
export function maySetFaultSlas(actor: Actor = currentActor()): boolean {
  return isTrustedService(actor) || holdsRole(WHISTLE_BLOWERS, actor);
}

/**
 * The records of the places the caller manages (work orders, the faults on their escalation board when they name no
 * place): the managers' jurisdiction, everything for a trusted service; FORBIDDEN for anyone else.
 */
export function managedPlacesFilter<T>(actor: Actor = currentActor()): QueryFilter<T> {
  if (isTrustedService(actor)) return {};
  const filter = jurisdictionFilter(WORK_ORDER_MANAGERS, actor, undefined, asObjectId);
  requirePermission(filter !== null, actor);
  return filter!;
}
