import { type FormEvent, useState } from 'react';
import { useMutation } from '../api/use-mutation';
import { useQuery } from '../api/use-query';
import { ActionResult } from '../components/ActionResult';
import { Problems } from '../components/Problems';
import { VoteCharts } from '../components/VoteCharts';
import type { MotionDetailQuery, YesNoChoice } from '../graphql/generated';
import {
  MATTER_KIND_LABELS,
  MOTION_ACTION_LABELS,
  MOTION_STATUS_LABELS,
  OBJECTION_STATUS_LABELS,
  VOTING_METHOD_LABELS,
  YES_NO_LABELS,
} from '../labels';
import { placeOf } from './MotionsView';

type Motion = NonNullable<MotionDetailQuery['motion']>;
type Vote = NonNullable<Motion['vote']>;

const when = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const at = (iso: string) => when.format(new Date(iso));

/** The ballot a voter on the roll casts online: yes/no, approvals (any number), or a ranking of the options. */
function BallotForm({
  motionId,
  vote,
  token,
  onCast,
}: {
  motionId: string;
  vote: Vote;
  token?: string;
  onCast: () => void;
}) {
  const cast = useMutation('CastBallot', token);
  const [choice, setChoice] = useState<YesNoChoice>();
  const [approvals, setApprovals] = useState<string[]>([]);
  const [ranking, setRanking] = useState<string[]>([]);
  const yesNo = vote.options.length === 0;
  const ranked = vote.method === 'RANKED_CHOICE';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = yesNo
      ? { motionId, choice }
      : ranked
        ? { motionId, ranking: ranking.filter(Boolean) }
        : { motionId, approvals };
    if (await cast.run({ input })) onCast();
  };
  return (
    <form className="action-form ballot" onSubmit={(event) => void submit(event)} aria-labelledby="ballot-heading">
      <h3 id="ballot-heading">我的选票</h3>
      {yesNo && (
        <fieldset>
          <legend>对这个议题，您的意见是</legend>
          {(Object.keys(YES_NO_LABELS) as YesNoChoice[]).map((option) => (
            <label key={option} className="check">
              <input
                type="radio"
                name="choice"
                value={option}
                checked={choice === option}
                onChange={() => setChoice(option)}
              />{' '}
              {YES_NO_LABELS[option]}
            </label>
          ))}
        </fieldset>
      )}
      {!yesNo && !ranked && (
        <fieldset>
          <legend>认可的选项（可多选，{vote.seats} 个名额）</legend>
          {vote.options.map((option) => (
            <label key={option.id} className="check">
              <input
                type="checkbox"
                checked={approvals.includes(option.id)}
                onChange={(event) =>
                  setApprovals(
                    event.target.checked ? [...approvals, option.id] : approvals.filter((id) => id !== option.id),
                  )
                }
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
      )}
      {ranked && (
        <fieldset>
          <legend>按您的偏好排序（可只排前几位）</legend>
          {vote.options.map((_, place) => (
            <div key={place}>
              <label htmlFor={`rank-${place}`}>第{place + 1}选择</label>{' '}
              <select
                id={`rank-${place}`}
                value={ranking[place] ?? ''}
                onChange={(event) => {
                  const next = [...ranking];
                  next[place] = event.target.value;
                  setRanking(next);
                }}
              >
                <option value="">（不选）</option>
                {vote.options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={cast.pending || (yesNo && !choice)}>
        投票
      </button>
      <ActionResult errors={cast.errors} done={cast.data ? '选票已投入票箱' : undefined} />
    </form>
  );
}

function VoteSection({ motion, token, reload }: { motion: Motion; token?: string; reload: () => void }) {
  const vote = motion.vote;
  if (!vote) return null;
  const open = !vote.closedAt;
  return (
    <section aria-labelledby="vote-heading" className="vote">
      <h2 id="vote-heading">表决{vote.number > 1 ? `（第${vote.number}次）` : ''}</h2>
      <p className="muted">
        {VOTING_METHOD_LABELS[vote.method]}
        {vote.secret && ' · 无记名'} · {at(vote.opensAt)} 至 {at(vote.closedAt ?? vote.endsAt)}
        {open ? ' · 进行中' : ' · 已结束'} · 名册 {vote.rollHeads} 人
        {vote.method === 'OWNERS_JOINT_DECISION' && `，专有面积 ${vote.rollArea} m²`}
      </p>
      {vote.options.length > 0 && <p>选项：{vote.options.map((option) => option.label).join('、')}</p>}
      <VoteCharts vote={vote} />
      {vote.myBallot.castAt && (
        <p className="done" data-testid="my-ballot">
          您已于 {at(vote.myBallot.castAt)} 投票
        </p>
      )}
      {open && vote.myBallot.onRoll && !vote.myBallot.castAt && (
        <BallotForm motionId={motion.id} vote={vote} token={token} onCast={reload} />
      )}
      {open && !vote.myBallot.onRoll && <p className="muted">您不在这次投票的名册上</p>}
    </section>
  );
}

function CoSign({ motion, token, reload }: { motion: Motion; token?: string; reload: () => void }) {
  const coSign = useMutation('CoSignMotion', token);
  const { count, required, byMe } = motion.coSigning;
  return (
    <div className="co-signing">
      <p data-testid="co-signing">
        联名 {count}/{required} 人{byMe && '（含您）'}
      </p>
      {!byMe && (
        <button
          type="button"
          disabled={coSign.pending}
          onClick={() => void coSign.run({ input: { motionId: motion.id } }).then((done) => done && reload())}
        >
          联名支持
        </button>
      )}
      <ActionResult errors={coSign.errors} done={coSign.data ? '已联名' : undefined} />
    </div>
  );
}

/** A motion (议题): what it asks, its timeline, its vote as charts, its public notice (公示) and the objections to it. */
export function MotionPage({ motionId, token }: { motionId: string; token?: string }) {
  const { data, errors, loading, reload } = useQuery('MotionDetail', { id: motionId }, token);
  const motion = data?.motion;
  if (loading && !data) return <main className="muted">读取中…</main>;
  if (!motion) {
    return (
      <main>
        <h1>议题</h1>
        <p>找不到这个议题，或您的角色无权查看</p>
        <Problems errors={errors} />
      </main>
    );
  }
  const objections = motion.objections.edges.map((edge) => edge.node);
  return (
    <main className="motion-page">
      {motion.community && (
        <p>
          <a href={`#/community/${motion.community.id}/motions`}>← {motion.community.name} · 议事协商</a>
        </p>
      )}
      <h1>{motion.title}</h1>
      <p>
        <span className="tier-badge" data-testid="motion-status">
          {MOTION_STATUS_LABELS[motion.status]}
        </span>{' '}
        <span className="muted">
          {placeOf(motion, motion.community?.name)} · {MATTER_KIND_LABELS[motion.matterKind]}
          {motion.major && ' · 重大事项'} · 发起人 {motion.raisedBy.name ?? '居民'} · {at(motion.createdAt)}
        </span>
      </p>
      <p>{motion.description}</p>
      {motion.status === 'RAISED' && <CoSign motion={motion} token={token} reload={reload} />}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">进程</h2>
        <ol className="timeline" data-testid="timeline">
          {motion.history.edges.map(({ node: step }, index) => (
            <li key={`${step.at}-${index}`}>
              <time dateTime={step.at}>{at(step.at)}</time> <strong>{MOTION_STATUS_LABELS[step.status]}</strong>
              {step.action && <span className="muted">（{MOTION_ACTION_LABELS[step.action]}）</span>}
              {step.by.name && ` · ${step.by.name}`}
              {step.note && <div className="muted">{step.note}</div>}
            </li>
          ))}
        </ol>
        {motion.nextSteps.length > 0 && (
          <p className="muted">下一步可以：{motion.nextSteps.map((step) => MOTION_ACTION_LABELS[step]).join('、')}</p>
        )}
      </section>

      <VoteSection motion={motion} token={token} reload={reload} />

      {motion.notice && (
        <section aria-labelledby="notice-heading" data-testid="notice">
          <h2 id="notice-heading">公示{motion.notice.number > 1 ? `（第${motion.notice.number}次）` : ''}</h2>
          <p>
            {at(motion.notice.publishedAt)} 发布，异议期至 {at(motion.notice.objectionWindowEndsAt)}
            {motion.notice.closedAt ? `，${at(motion.notice.closedAt)} 结束` : '，公示中'}
          </p>
          <h3>异议（{motion.objections.totalCount}）</h3>
          {objections.length === 0 ? (
            <p className="muted">没有异议</p>
          ) : (
            <ul className="plain objections">
              {objections.map((objection) => (
                <li key={objection.id}>
                  <span className={`objection-${objection.status.toLowerCase()}`}>
                    {OBJECTION_STATUS_LABELS[objection.status]}
                  </span>{' '}
                  {objection.reason}
                  {objection.raisedByMe && '（我提出的）'}
                  {objection.answer && <div className="muted">答复：{objection.answer}</div>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <Problems errors={errors} />
    </main>
  );
}
