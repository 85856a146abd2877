import { ageBandSchema } from '@gongzhi/contracts';
import { registerEnumType } from '@nestjs/graphql';

/** Organization's age bands: the same GraphQL enum in both subgraphs, so the supergraph merges them. */
export const AgeBand = ageBandSchema.enum;
export type AgeBand = keyof typeof AgeBand;
registerEnumType(AgeBand, {
  name: 'AgeBand',
  description: 'An age band rather than a birth date: enough for care, less to leak.',
  // The same descriptions as organization's, so the supergraph merges the enum without a conflict.
  valuesMap: {
    UNDER_6: { description: 'Under 6 years old.' },
    AGE_6_TO_13: { description: '6 to 13 years old.' },
    AGE_14_TO_17: { description: '14 to 17 years old.' },
    AGE_18_TO_59: { description: '18 to 59 years old.' },
    AGE_60_TO_79: { description: '60 to 79 years old.' },
    AGE_80_PLUS: { description: '80 years old or over.' },
  },
});

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
