import { jurisdictionCovers, type Place } from '@gongzhi/contracts';
import { Clock } from '@gongzhi/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type ClientSession, type Model, Types } from 'mongoose';
import { STAFF_ROLES } from '../access/role-bindings.access';
import { RoleBinding } from '../access/role-binding.schema';
import { resolveJurisdiction } from '../access/jurisdiction';
import { ApiKey, usableApiKeys } from '../api-keys/api-key.schema';
import { OrgUnit } from '../org-units/org-unit.schema';
import { PartnerUnit } from '../partners/partner-unit.schema';
import { WEBHOOK_EVENTS, type WebhookEventType } from './webhook-events';
import type { WebhookSubscription } from './webhook-subscription.schema';

/**
 * Who may receive an event, decided when the event arrives, from organization's own records at that moment — never
 * from what was true at registration:
 * - a partner: the event's community is one of its co-building agreements in force, it still has a usable API key
 *   with the event's scope, and, for events about particular partners (a work order, a care order), it is one of them;
 * - staff: the person who registered still holds a staff role at the subscription's org unit, and the event's place
 *   lies in that unit's jurisdiction (its subtree's communities, compounds, buildings).
 */
@Injectable()
export class WebhookAudience {
  constructor(
    @InjectModel(PartnerUnit.name) private readonly partners: Model<PartnerUnit>,
    @InjectModel(ApiKey.name) private readonly keys: Model<ApiKey>,
    @InjectModel(RoleBinding.name) private readonly bindings: Model<RoleBinding>,
    @InjectModel(OrgUnit.name) private readonly units: Model<OrgUnit>,
    private readonly clock: Clock,
  ) {}

  async mayReceive(
    subscription: Pick<WebhookSubscription, 'partnerUnitId' | 'orgUnitId' | 'createdBy'>,
    type: WebhookEventType,
    payload: Record<string, unknown>,
    session?: ClientSession,
  ): Promise<boolean> {
    const rule = WEBHOOK_EVENTS[type];
    const place: Place = rule.place(payload);
    if (subscription.partnerUnitId) {
      const partnerUnitId = String(subscription.partnerUnitId);
      const about = rule.partnerUnitsOf?.(payload);
      if (about !== undefined && !about.includes(partnerUnitId)) return false;
      if (!Types.ObjectId.isValid(place.communityId)) return false;
      const now = this.clock.now();
      const inForce = await this.partners
        .exists({
          _id: subscription.partnerUnitId,
          agreements: {
            $elemMatch: { communityId: place.communityId, validFrom: { $lte: now }, validUntil: { $gte: now } },
          },
        })
        .session(session ?? null);
      if (!inForce) return false;
      const key = await this.keys
        .exists({ partnerUnitId: subscription.partnerUnitId, scopes: rule.scope, ...usableApiKeys(now) })
        .session(session ?? null);
      return key !== null;
    }
    if (!subscription.orgUnitId) return false;
    const stillStaff = await this.bindings
      .exists({
        subject: subscription.createdBy,
        orgUnitId: subscription.orgUnitId,
        role: { $in: STAFF_ROLES as RoleBinding['role'][] },
      })
      .session(session ?? null);
    if (!stillStaff) return false;
    const unitId = String(subscription.orgUnitId);
    const jurisdiction = (await resolveJurisdiction(this.units, [unitId])).get(unitId);
    return jurisdiction !== undefined && jurisdictionCovers(jurisdiction, place);
  }
}
