import type { MotionDetailQuery } from '../graphql/generated';
import { THRESHOLD_RULE_LABELS, VOTE_OUTCOME_LABELS } from '../labels';
import { EChart } from './EChart';
import { percentOf, resultChartOptions, roundsChartOption, runningTurnoutOption } from './vote-chart-options';

type Vote = NonNullable<NonNullable<MotionDetailQuery['motion']>['vote']>;

const AREA_RULES = new Set(['PARTICIPATION_BY_AREA', 'AGREEMENT_BY_AREA']);
const amount = (rule: string, value: number) => (AREA_RULES.has(rule) ? `${value} m²` : `${value}`);

/**
 * A vote as charts with their numbers in tables: while open, the running turnout (ballots in the box of the roll);
 * once closed, turnout and support against each threshold the API checked, and a ranked-choice vote's rounds.
 */
export function VoteCharts({ vote }: { vote: Vote }) {
  const result = vote.result;
  if (!result) {
    return (
      <div className="vote-charts" data-testid="vote-result">
        <EChart
          option={runningTurnoutOption(vote.method, vote.ballotsCast, vote.rollHeads)}
          className="vote-chart"
          testId="turnout-chart"
        />
        <p data-testid="running-count">
          已投 {vote.ballotsCast} 票 / 名册 {vote.rollHeads} 人（{percentOf(vote.ballotsCast, vote.rollHeads)}
          %），计票在投票结束后公布
        </p>
      </div>
    );
  }
  const { turnout, support } = resultChartOptions(result.thresholds);
  return (
    <div className="vote-charts" data-testid="vote-result">
      <p className="outcome" data-outcome={result.outcome}>
        表决结果：<strong>{VOTE_OUTCOME_LABELS[result.outcome]}</strong>
        {result.winners.length > 0 && `，当选：${result.winners.join('、')}`}
      </p>
      <div className="chart-row">
        {turnout && <EChart option={turnout} className="vote-chart" testId="turnout-chart" />}
        {support && <EChart option={support} className="vote-chart" testId="support-chart" />}
      </div>
      <table className="thresholds" data-testid="thresholds">
        <caption>各项门槛</caption>
        <thead>
          <tr>
            <th scope="col">门槛</th>
            <th scope="col">实际</th>
            <th scope="col">比例</th>
            <th scope="col">要求</th>
            <th scope="col">是否达到</th>
          </tr>
        </thead>
        <tbody>
          {result.thresholds.map((check) => (
            <tr key={check.rule}>
              <th scope="row">{THRESHOLD_RULE_LABELS[check.rule]}</th>
              <td>
                {amount(check.rule, check.part)} / {amount(check.rule, check.whole)}
              </td>
              <td>{percentOf(check.part, check.whole)}%</td>
              <td>{check.required ?? '—'}</td>
              <td className={check.met ? 'met' : 'missed'}>{check.met ? '达到' : '未达到'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.yesNo && (
        <p className="muted">
          赞成 {result.yesNo.for.heads} 人（{result.yesNo.for.area} m²）· 反对 {result.yesNo.against.heads} 人（
          {result.yesNo.against.area} m²）· 弃权 {result.yesNo.abstain.heads} 人（{result.yesNo.abstain.area} m²）
        </p>
      )}
      {result.rounds && result.rounds.length > 0 && (
        <>
          <EChart option={roundsChartOption(result.rounds)} className="vote-chart wide" testId="rounds-chart" />
          <table className="thresholds" data-testid="rounds">
            <caption>排序投票各轮</caption>
            <thead>
              <tr>
                <th scope="col">轮次</th>
                <th scope="col">各选项票数</th>
                <th scope="col">淘汰</th>
                <th scope="col">已失效选票</th>
              </tr>
            </thead>
            <tbody>
              {result.rounds.map((round) => (
                <tr key={round.round}>
                  <th scope="row">第{round.round}轮</th>
                  <td>{round.tallies.map((tally) => `${tally.label} ${tally.votes}`).join('，')}</td>
                  <td>{round.eliminated.join('、') || '—'}</td>
                  <td>{round.exhausted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
