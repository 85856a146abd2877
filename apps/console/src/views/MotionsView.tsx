import { type FormEvent, useState } from 'react';
import { useMutation } from '../api/use-mutation';
import { useQuery } from '../api/use-query';
import { ActionResult } from '../components/ActionResult';
import { optionsOf, SelectField, TextField } from '../components/FormFields';
import { Problems } from '../components/Problems';
import type { MatterKind, MotionRowFragment, MotionStatus } from '../graphql/generated';
import { MATTER_KIND_LABELS, MOTION_STATUS_LABELS } from '../labels';

const STAGES = Object.keys(MOTION_STATUS_LABELS) as MotionStatus[];

/** Where a motion sits: a building, a compound, or the community itself. */
export function placeOf(motion: Pick<MotionRowFragment, 'compound' | 'building'>, community?: string): string {
  if (motion.building) return `${motion.compound?.name ?? ''}${motion.building.name}`;
  return motion.compound?.name ?? community ?? '本社区';
}

/** Raising a motion (议题) for the community, one of its compounds or buildings; it then collects co-signers. */
function RaiseMotionForm({ communityId, token }: { communityId: string; token?: string }) {
  const territory = useQuery('CommunityTerritory', { id: communityId }, token);
  const raise = useMutation('RaiseMotion', token);
  const [placeId, setPlaceId] = useState(communityId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [matterKind, setMatterKind] = useState<MatterKind>('ENVIRONMENT');
  const [major, setMajor] = useState(false);
  const community = territory.data?.community;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await raise.run({ input: { placeId, title, description, matterKind, major } });
    if (done) window.location.hash = `#/motion/${done.raiseMotion.motion.id}`;
  };
  return (
    <form className="action-form" onSubmit={(event) => void submit(event)} aria-labelledby="raise-heading">
      <h2 id="raise-heading">发起议题</h2>
      <label htmlFor="raise-place">范围</label>
      <select id="raise-place" value={placeId} onChange={(event) => setPlaceId(event.target.value)}>
        <option value={communityId}>{community?.name ?? '本社区'}（全社区）</option>
        {community?.compounds.edges.map(({ node: compound }) => [
          <option key={compound.id} value={compound.id}>
            {compound.name}
          </option>,
          ...compound.buildings.edges.map(({ node: building }) => (
            <option key={building.id} value={building.id}>
              {compound.name} {building.name}
            </option>
          )),
        ])}
      </select>
      <TextField id="raise-title" label="标题" maxLength={100} value={title} onChange={setTitle} />
      <TextField id="raise-description" label="内容" rows={3} value={description} onChange={setDescription} />
      <SelectField
        id="raise-kind"
        label="事项类别"
        value={matterKind}
        onChange={setMatterKind}
        options={optionsOf(MATTER_KIND_LABELS)}
      />
      <label className="check">
        <input type="checkbox" checked={major} onChange={(event) => setMajor(event.target.checked)} />{' '}
        重大事项（先经支委会前置审议）
      </label>
      <button type="submit" disabled={raise.pending}>
        发起
      </button>
      <ActionResult errors={raise.errors} />
    </form>
  );
}

/** A community's motions by stage (征集联名 → 协商议事 → 投票中 → 公示中 → …), and raising a new one. */
export function MotionsView({ communityId, token }: { communityId: string; token?: string }) {
  const { data, errors, loading } = useQuery('CommunityMotions', { id: communityId }, token);
  const community = data?.community;
  const motions = community?.motions?.edges.map((edge) => edge.node) ?? [];
  const byStage = STAGES.map((stage) => ({ stage, motions: motions.filter((motion) => motion.status === stage) }));
  return (
    <main className="motions-page">
      <p>
        <a href={`#/community/${communityId}`}>← {community?.name ?? '社区'}</a>
      </p>
      <h1>{community?.name ?? '社区'} · 议事协商</h1>
      {loading && !data && <p className="muted">读取中…</p>}
      {community?.motions && (
        <>
          <p className="muted">共 {community.motions.totalCount} 个议题</p>
          <ul className="stage-counts" aria-label="各阶段议题数">
            {byStage.map(({ stage, motions: inStage }) => (
              <li key={stage} data-stage={stage}>
                {MOTION_STATUS_LABELS[stage]} <strong>{inStage.length}</strong>
              </li>
            ))}
          </ul>
          {byStage
            .filter(({ motions: inStage }) => inStage.length > 0)
            .map(({ stage, motions: inStage }) => (
              <section key={stage} aria-labelledby={`stage-${stage}`} className="stage">
                <h2 id={`stage-${stage}`}>
                  {MOTION_STATUS_LABELS[stage]}（{inStage.length}）
                </h2>
                <ul className="plain motion-list">
                  {inStage.map((motion) => (
                    <li key={motion.id}>
                      <a href={`#/motion/${motion.id}`}>{motion.title}</a>{' '}
                      <span className="muted">
                        {placeOf(motion, community.name)} · {MATTER_KIND_LABELS[motion.matterKind]}
                        {motion.status === 'RAISED' && ` · 联名 ${motion.coSigning.count}/${motion.coSigning.required}`}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
        </>
      )}
      <Problems errors={errors} />
      <RaiseMotionForm communityId={communityId} token={token} />
    </main>
  );
}
