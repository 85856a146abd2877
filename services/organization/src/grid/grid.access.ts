import type { Actor } from '@gongzhi/contracts';
import { currentActor, serviceOrRoleCovering } from '@gongzhi/platform';

/**
 * Grid cells, their buildings and the names of their six role holders are posted publicly (网格公示). Drawing and
 * staffing them is the community office's work.
 */
export function mayManageGridIn(communityId: unknown, actor: Actor = currentActor()): boolean {
  return serviceOrRoleCovering(
    communityId == null ? null : { communityId: String(communityId) },
    ['COMMUNITY_SECRETARY'],
    actor,
  );
}
