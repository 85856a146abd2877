import type { ClientSession, HydratedDocument, Model, Types } from 'mongoose';

/** A room, a care session…: something of one community that may be shared with one alliance at a time. */
export interface Shareable {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  sharedWithAllianceId: Types.ObjectId | null;
}

/** Why something stopped being shared with an alliance (the events' `cause`). */
export type SharingEndCause = 'WITHDRAWN' | 'ALLIANCE_DISSOLVED';

/** How a subgraph says so: the events of its own, recorded in the transaction that changes the sharing. */
export interface SharingEvents {
  shared(shareable: Shareable, allianceId: Types.ObjectId, session: ClientSession): Promise<unknown>;
  ended(
    shareable: Shareable,
    allianceId: Types.ObjectId,
    cause: SharingEndCause,
    session: ClientSession,
  ): Promise<unknown>;
}

/**
 * Shares `id` with an alliance, or with null ends its sharing, in the caller's transaction: the sharing it had ends
 * (WITHDRAWN) and the new one begins, each with its event; setting what it already has says nothing.
 */
export async function setAllianceSharing<T>(
  model: Model<T>,
  id: Types.ObjectId,
  allianceId: Types.ObjectId | null,
  events: SharingEvents,
  session: ClientSession,
): Promise<HydratedDocument<T> | null> {
  const before = await model.findById(id).session(session).lean<Shareable>().exec();
  if (!before) return null;
  const after = await model
    .findByIdAndUpdate(id, { $set: { sharedWithAllianceId: allianceId } }, { session, returnDocument: 'after' })
    .exec();
  const previous = before.sharedWithAllianceId;
  if (previous && !(allianceId && previous.equals(allianceId)))
    await events.ended(before, previous, 'WITHDRAWN', session);
  if (allianceId && !(previous && previous.equals(allianceId))) await events.shared(before, allianceId, session);
  return after;
}

/** The alliance is dissolved: whatever was shared with it no longer is, each with its event (ALLIANCE_DISSOLVED). */
export async function endSharingsWith<T>(
  model: Model<T>,
  allianceId: Types.ObjectId,
  events: SharingEvents,
  session: ClientSession,
): Promise<void> {
  const shared = await model
    .find({ sharedWithAllianceId: allianceId } as never, { communityId: 1, sharedWithAllianceId: 1 })
    .session(session)
    .lean<Shareable[]>()
    .exec();
  if (shared.length === 0) return;
  await model
    .updateMany(
      { _id: { $in: shared.map((each) => each._id) } } as never,
      { $set: { sharedWithAllianceId: null } },
      {
        session,
      },
    )
    .exec();
  for (const each of shared) await events.ended(each, allianceId, 'ALLIANCE_DISSOLVED', session);
}
