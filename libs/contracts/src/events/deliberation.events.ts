import { z } from 'zod';
import { defineEvent } from './define-event';

/**
 * Facts the deliberation subgraph will record (民事民议、民事民决): it is not built yet, so facilities, its first
 * consumer, defines the contract here. Deliberation publishes it once a motion passes its vote.
 */

const id = z.string().min(1);

/** What a motion decides about, so each subgraph picks the motions that concern it. */
export const motionMatterKindSchema = z.enum([
  /** Street lamps: a renewal project for the lamps named. */
  'FACILITIES_LIGHTING',
  'FACILITIES_PARKING',
  'FACILITIES_GARDEN',
  'FACILITIES_ROOM',
  /** Anything else: a name for a compound, a bridge landing moved, the management covenant… */
  'OTHER',
]);
export type MotionMatterKind = z.infer<typeof motionMatterKindSchema>;

export const motionPassed = defineEvent({
  type: 'deliberation.motion.passed',
  version: 1,
  payload: z
    .object({
      motionId: id,
      title: z.string().min(1).max(200),
      matterKind: motionMatterKindSchema,
      communityId: id,
      /** Null when the motion concerns the whole community. */
      compoundId: id.nullable(),
      /** The lamps a lighting motion names, when it names them one by one. */
      lampIds: z.array(id).max(500).default([]),
      /** Or in words, as residents put it ("七区 3幢 to 8幢 along the river path"). */
      lampsDescription: z.string().min(1).max(1000).nullable().default(null),
      passedAt: z.iso.datetime({ offset: true }),
    })
    .refine((motion) => motion.matterKind !== 'FACILITIES_LIGHTING' || motion.lampIds.length > 0 || motion.lampsDescription !== null, {
      message: 'a lighting motion names its lamps, by id or in words',
      path: ['lampIds'],
    }),
});

export const deliberationEvents = [motionPassed] as const;
