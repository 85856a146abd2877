import {
  type Actor,
  type Jurisdiction,
  jurisdictionCovers,
  type PersonAccess,
  roleGranted,
  roleRevoked,
} from '@gongzhi/contracts';
import {
  type ConnectionShape,
  ForbiddenError,
  holdsRole,
  OutboxPublisher,
  type RequestLoaders,
  loadById,
  paginate,
  refuseDuplicates,
  requirePermission,
  requireSignedIn,
  serviceOrRoleCovering,
  withTransaction,
  Clock,
} from '@gongzhi/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, Types } from 'mongoose';
import { OrgUnitErrors } from '../org-units/org-unit.errors';
import { OrgUnit, OrgUnitDocument } from '../org-units/org-unit.schema';
import { placeOf } from '../territory/territory.access';
import { Resident } from '../territory/territory.schema';
import { resolveJurisdiction } from './jurisdiction';
import { RoleBindingErrors } from './role-binding.errors';
import { GrantRoleInput, RoleBindingsArgs } from './role-binding.inputs';
import {
  GRANT_REFUSED,
  mayGrantAt,
  requireMayGrantSomewhere,
  requireMayManageBindingsOf,
  ROLE_TIERS,
  roleFitsTier,
  STAFF_ROLES,
} from './role-bindings.access';
import { RoleBinding, RoleBindingDocument } from './role-binding.schema';

const nowhere = (): Jurisdiction => ({ communityIds: [], compoundIds: [], buildingIds: [] });

/** Who holds which role over which unit: granted and revoked with their events, and resolved for the gateway. */
@Injectable()
export class RoleBindingsService implements OnModuleInit {
  constructor(
    @InjectModel(RoleBinding.name) private readonly bindings: Model<RoleBinding>,
    @InjectModel(OrgUnit.name) private readonly units: Model<OrgUnit>,
    @InjectModel(Resident.name) private readonly residents: Model<Resident>,
    @InjectConnection() private readonly connection: Connection,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  /** The unique index must exist before the first grant: it is what refuses a duplicate inside a transaction. */
  async onModuleInit(): Promise<void> {
    await this.bindings.init();
  }

  /**
   * The caller's rights come first, before anything is looked up; then the unit (org units are public), the caller's
   * rank over it, the fit of the role to the unit's tier, and the resident named (whose existence is private).
   */
  async grant(input: GrantRoleInput): Promise<RoleBindingDocument> {
    const actor = requireSignedIn();
    requireMayGrantSomewhere(input.role, input.subject, actor);
    const unit = await this.unit(input.orgUnitId);
    if (!mayGrantAt(unit, input.role, actor)) throw new ForbiddenError(GRANT_REFUSED);
    if (!roleFitsTier(input.role, unit.tier))
      throw RoleBindingErrors.tierMismatch(input.role, unit.tier, ROLE_TIERS[input.role]);
    await this.requireResident(unit, input, actor);
    return refuseDuplicates(
      () =>
        withTransaction(this.connection, async (session) => {
          const [binding] = await this.bindings.create(
            [
              {
                subject: input.subject,
                name: input.name,
                role: input.role,
                orgUnitId: unit._id,
                residentId: input.residentId ?? null,
                grantedAt: this.clock.now(),
                grantedBy: actor.id,
              },
            ],
            { session },
          );
          await this.outbox.record(
            roleGranted,
            {
              bindingId: binding.id,
              subject: binding.subject,
              role: binding.role,
              orgUnitId: unit.id,
              residentId: input.residentId ?? null,
            },
            { session },
          );
          return binding;
        }),
      () => RoleBindingErrors.exists(input.subject, input.role),
    );
  }

  /**
   * Deletes the binding and returns it as it was: by the same rule as granting it. A binding the caller may not
   * revoke (their own, one above them, one they do not outrank) answers as one that does not exist.
   */
  async revoke(bindingId: string): Promise<RoleBindingDocument> {
    const actor = requireSignedIn();
    requirePermission(actor.kind === 'service' || holdsRole(STAFF_ROLES, actor), actor);
    const binding = Types.ObjectId.isValid(bindingId) ? await this.bindings.findById(bindingId).exec() : null;
    // A unit that no longer exists has no ancestors to be staff of: only a service may clean up after it.
    const unit =
      binding &&
      ((await this.units.findById(binding.orgUnitId, { ancestorIds: 1 }).exec()) ?? {
        _id: binding.orgUnitId,
        ancestorIds: [],
      });
    if (
      !binding ||
      !unit ||
      !mayGrantAt(unit, binding.role, actor) ||
      (actor.kind !== 'service' && binding.subject === actor.id)
    ) {
      throw RoleBindingErrors.notFound(bindingId);
    }
    return withTransaction(this.connection, async (session) => {
      const revoked = await this.bindings.findOneAndDelete({ _id: binding._id }, { session }).exec();
      if (!revoked) throw RoleBindingErrors.notFound(bindingId);
      await this.outbox.record(
        roleRevoked,
        { bindingId: revoked.id, subject: revoked.subject, role: revoked.role, orgUnitId: String(revoked.orgUnitId) },
        { session },
      );
      return revoked;
    });
  }

  async list({ orgUnitId, ...page }: RoleBindingsArgs): Promise<ConnectionShape<RoleBindingDocument>> {
    requireSignedIn();
    const unit = await this.unit(orgUnitId);
    requireMayManageBindingsOf(unit);
    return paginate(this.bindings, { orgUnitId: unit._id }, page);
  }

  orgUnit(loaders: RequestLoaders, binding: RoleBinding): Promise<OrgUnitDocument | null> {
    return loadById(loaders, this.units, binding.orgUnitId);
  }

  /**
   * A person's roles with each jurisdiction resolved, or null when no role is bound to the subject. Three queries at
   * most, however many roles: the bindings, every unit's jurisdiction at once, and the resident record.
   */
  async personAccess(subject: string): Promise<PersonAccess | null> {
    const bindings = await this.bindings.find({ subject }).sort({ grantedAt: 1, _id: 1 }).lean();
    if (bindings.length === 0) return null;
    const unitIds = [
      ...new Set(bindings.filter((binding) => binding.role !== 'RESIDENT').map((binding) => String(binding.orgUnitId))),
    ];
    const residentId = (
      bindings.find((binding) => binding.role === 'RESIDENT') ?? bindings.find((binding) => binding.residentId)
    )?.residentId;
    const [jurisdictions, resident] = await Promise.all([
      resolveJurisdiction(this.units, unitIds),
      // Someone who moved out no longer sees a household.
      residentId ? this.residents.findOne({ _id: residentId, movedOutAt: null }, { householdId: 1 }).lean() : null,
    ]);
    return {
      subject,
      name: bindings.at(-1)!.name,
      residentId: resident ? String(resident._id) : null,
      householdId: resident ? String(resident.householdId) : null,
      roles: bindings.map((binding) => ({
        role: binding.role,
        orgUnitId: String(binding.orgUnitId),
        // A resident's grant covers no territory: their residentId and householdId say what they may see.
        jurisdiction: binding.role === 'RESIDENT' ? nowhere() : jurisdictions.get(String(binding.orgUnitId))!,
      })),
    };
  }

  private async unit(id: string): Promise<OrgUnitDocument> {
    const unit = Types.ObjectId.isValid(id) ? await this.units.findById(id).exec() : null;
    if (!unit) throw OrgUnitErrors.notFound(id);
    return unit;
  }

  /**
   * The resident a binding names: required for RESIDENT, whose home must lie in the unit's territory. A resident who
   * does not exist and one outside what the caller looks after answer alike: existence is private.
   */
  private async requireResident(unit: OrgUnitDocument, input: GrantRoleInput, actor: Actor): Promise<void> {
    const { residentId } = input;
    if (!residentId) {
      if (input.role === 'RESIDENT') throw RoleBindingErrors.residentRequired();
      return;
    }
    const resident = await this.residents.findById(residentId, { communityId: 1, compoundId: 1, buildingId: 1 }).lean();
    const place = resident && placeOf(resident);
    if (!place || !serviceOrRoleCovering(place, STAFF_ROLES, actor))
      throw RoleBindingErrors.residentNotFound(residentId);
    if (input.role !== 'RESIDENT') return;
    const jurisdiction = (await resolveJurisdiction(this.units, [unit.id])).get(unit.id)!;
    if (!jurisdictionCovers(jurisdiction, place)) throw RoleBindingErrors.residentOutsideUnit(residentId, unit.id);
  }
}
