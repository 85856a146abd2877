/** A parking lot as the occupancy view reads it (CommunityOccupancy): counts, and what only its managers see. */
export interface OccupancyLot {
  id: string;
  name: string;
  capacity: number;
  occupied: number;
  free: number;
  compound?: { name: string } | null;
  /** null: not the caller's to see (the parking managers of the compound). */
  activePermits?: { totalCount: number } | null;
  waitingPermits?: { totalCount: number } | null;
  overstays?: { totalCount: number; edges: { node: { plate: string } }[] } | null;
}

export interface OccupancyPlot {
  id: string;
  name: string;
  area: number;
  status: 'AVAILABLE' | 'CLAIMED';
  compound?: { name: string } | null;
  currentClaim?: {
    claimant: 'HOUSEHOLD' | 'VOLUNTEER_TEAM';
    teamName?: string | null;
    household?: { unitNumber: string; building: { name: string } } | null;
  } | null;
}

/** A share of a whole in percent, one decimal; 0 of nothing is 0. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** The lot's name without its compound's in front: 淞泽家园七区 地面停车场 under 淞泽家园七区 is 地面停车场. */
export function lotLabel(lot: Pick<OccupancyLot, 'name' | 'compound'>): string {
  const prefix = lot.compound?.name;
  return prefix && lot.name.startsWith(`${prefix} `) ? lot.name.slice(prefix.length + 1) : lot.name;
}

/** A count only the managers see: the number, or 无权查看 where the API refused it. */
export function managersCount(page: { totalCount: number } | null | undefined): string {
  return page ? String(page.totalCount) : '无权查看';
}

/** Who holds a plot, as far as the API says: the household's building and door, a team's name, or 未公开. */
export function plotHolder(plot: OccupancyPlot): string {
  const claim = plot.currentClaim;
  if (plot.status === 'AVAILABLE' || !claim) return '—';
  if (claim.claimant === 'VOLUNTEER_TEAM') return claim.teamName ? `志愿团队 ${claim.teamName}` : '志愿团队';
  return claim.household ? `住户 ${claim.household.building.name} ${claim.household.unitNumber}` : '住户（未公开）';
}

/** The plots of each compound, by name as people read numbers, with how many are claimed of how many. */
export function plotsByCompound(plots: OccupancyPlot[]) {
  const groups = new Map<string, OccupancyPlot[]>();
  for (const plot of plots) {
    const name = plot.compound?.name ?? '社区';
    groups.set(name, [...(groups.get(name) ?? []), plot]);
  }
  return [...groups].map(([compound, group]) => ({
    compound,
    claimed: group.filter((plot) => plot.status === 'CLAIMED').length,
    plots: [...group].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
  }));
}
