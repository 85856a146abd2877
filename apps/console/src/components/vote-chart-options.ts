/**
 * The ECharts options of a vote's charts: turnout and support as shares against the thresholds the API reports
 * (Civil Code art. 278 by area and by head for owners; the residents' meeting rules otherwise), the thresholds drawn
 * as marked lines, and ranked-choice rounds. Pure functions of the API's answer, so they are unit-tested as data.
 */

/** A threshold the API checked (VoteResult.thresholds): part of whole, against `required` (e.g. `≥ 2/3`). */
export interface Check {
  rule: string;
  required: string | null;
  part: number;
  whole: number;
  met: boolean;
}

/** `≥ 2/3` → 2/3 as a percentage, with the words it is shown with; none for a check with no fixed ratio. */
export function requiredShare(required: string | null): { percent: number; label: string } | undefined {
  const match = required ? /^([≥>])\s*(\d+)\s*\/\s*(\d+)$/.exec(required.trim()) : null;
  if (!match) return undefined;
  const [, sign, numerator, denominator] = match;
  const percent = (100 * Number(numerator)) / Number(denominator);
  return { percent, label: `${sign === '≥' ? '不少于' : '超过'} ${numerator}/${denominator}` };
}

/** part/whole in percent, one decimal; 0 when the whole is 0 (nothing out of nothing). */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0;
}

export interface ShareBar {
  /** The category: 按面积, 按人数. */
  name: string;
  part: number;
  whole: number;
  /** Whether it reached its threshold; unknown (undefined) while the vote is open. */
  met?: boolean;
}

const MET = '#1a7f37';
const MISSED = '#cf222e';
const OPEN = '#0969da';

/**
 * Bars of shares (0–100 %) with each distinct threshold as a dashed marked line: one chart for turnout, one for
 * support. Colours say met or missed; the numbers are also in the table beside the chart.
 */
export function shareChartOption(title: string, bars: ShareBar[], thresholds: (string | null)[]) {
  const lines = [...new Map(thresholds.flatMap((r) => requiredShare(r) ?? []).map((t) => [t.percent, t])).values()];
  return {
    animation: false,
    aria: { enabled: true },
    title: { text: title, left: 'center', top: 0, textStyle: { fontSize: 14 } },
    grid: { left: 48, right: 96, top: 56, bottom: 32 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: bars.map((bar) => bar.name) },
    yAxis: { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar' as const,
        name: title,
        barMaxWidth: 64,
        data: bars.map((bar) => ({
          value: percentOf(bar.part, bar.whole),
          itemStyle: { color: bar.met === undefined ? OPEN : bar.met ? MET : MISSED },
        })),
        label: { show: true, position: 'top' as const, formatter: '{c}%' },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed' as const, color: '#1f2328', width: 2 },
          label: { position: 'end' as const, formatter: '{b}' },
          data: lines.map((line) => ({ name: `门槛 ${line.label}`, yAxis: line.percent })),
        },
      },
    ],
  };
}

const PARTICIPATION = ['PARTICIPATION_BY_AREA', 'PARTICIPATION_BY_HEAD', 'TURNOUT'];
const AGREEMENT = ['AGREEMENT_BY_AREA', 'AGREEMENT_BY_HEAD', 'AGREEMENT', 'MAJORITY_OF_CONTINUING_BALLOTS'];
const BASIS: Record<string, string> = {
  PARTICIPATION_BY_AREA: '按面积',
  PARTICIPATION_BY_HEAD: '按人数',
  AGREEMENT_BY_AREA: '按面积',
  AGREEMENT_BY_HEAD: '按人数',
  TURNOUT: '按人数',
  AGREEMENT: '按票数',
  MAJORITY_OF_CONTINUING_BALLOTS: '末轮领先者',
};

/** The turnout and support charts of a closed vote, from the checks the API made (those that apply to the method). */
export function resultChartOptions(checks: Check[]) {
  const group = (rules: string[]) => checks.filter((check) => rules.includes(check.rule));
  const chart = (title: string, group: Check[]) =>
    group.length === 0
      ? undefined
      : shareChartOption(
          title,
          group.map((check) => ({ name: BASIS[check.rule], part: check.part, whole: check.whole, met: check.met })),
          group.map((check) => check.required),
        );
  return { turnout: chart('参与率', group(PARTICIPATION)), support: chart('同意率', group(AGREEMENT)) };
}

/**
 * While a vote is open, the API counts only ballots in the box (Vote.ballotsCast of rollHeads): the running turnout
 * by head, against the share that must take part — ≥ 2/3 of the owners for an owners' joint decision, > 1/2 of the
 * roll for the residents' votes (the rules VotingMethod states; the result's checks replace them once counted).
 */
export function runningTurnoutOption(method: string, ballotsCast: number, rollHeads: number) {
  const required = method === 'OWNERS_JOINT_DECISION' ? '≥ 2/3' : '> 1/2';
  return shareChartOption(
    '参与率（投票进行中）',
    [{ name: '按人数', part: ballotsCast, whole: rollHeads }],
    [required],
  );
}

export interface Round {
  round: number;
  exhausted: number;
  tallies: { optionId: string; label: string; votes: number }[];
}

/**
 * Ranked-choice rounds (instant runoff): one group of bars per round, one bar per option still in it, and the majority
 * of the ballots still in play (more than half) as a line over the rounds.
 */
export function roundsChartOption(rounds: Round[]) {
  const labels = [...new Map(rounds.flatMap((r) => r.tallies).map((t) => [t.optionId, t.label])).entries()];
  const majority = rounds.map((r) => r.tallies.reduce((sum, t) => sum + t.votes, 0) / 2);
  return {
    animation: false,
    aria: { enabled: true },
    title: { text: '排序投票各轮票数', left: 'center', top: 0, textStyle: { fontSize: 14 } },
    legend: { bottom: 0, type: 'scroll' as const },
    grid: { left: 48, right: 16, top: 40, bottom: 56 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: rounds.map((r) => `第${r.round}轮`) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      ...labels.map(([optionId, label]) => ({
        type: 'bar' as const,
        name: label,
        data: rounds.map((r) => r.tallies.find((t) => t.optionId === optionId)?.votes ?? null),
      })),
      {
        type: 'line' as const,
        name: '过半数线',
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { type: 'dashed' as const, color: '#1f2328', width: 2 },
        itemStyle: { color: '#1f2328' },
        data: majority,
      },
    ],
  };
}
