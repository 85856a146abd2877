import { ageBandDescriptions, ageBandSchema } from '@gongzhi/contracts';
import { registerEnumType } from '@nestjs/graphql';

/** Organization's age bands: the same GraphQL enum in both subgraphs, so the supergraph merges them. */
export const AgeBand = ageBandSchema.enum;
export type AgeBand = keyof typeof AgeBand;
registerEnumType(AgeBand, { name: 'AgeBand', ...ageBandDescriptions });

/** PIPL: everything about a child under 14 is sensitive, and only a guardian consents for them. */
const CHILD_UNDER_14_BANDS: readonly AgeBand[] = [AgeBand.UNDER_6, AgeBand.AGE_6_TO_13];

export function isChildUnder14(ageBand: AgeBand | null | undefined): boolean {
  return ageBand != null && CHILD_UNDER_14_BANDS.includes(ageBand);
}

/** Under 18: the age bands childcare is for. */
export function isMinor(ageBand: AgeBand | null | undefined): boolean {
  return isChildUnder14(ageBand) || ageBand === AgeBand.AGE_14_TO_17;
}

/** 60 and over: the age bands elder care (养老) is for. */
export function isElder(ageBand: AgeBand | null | undefined): boolean {
  return ageBand === AgeBand.AGE_60_TO_79 || ageBand === AgeBand.AGE_80_PLUS;
}
