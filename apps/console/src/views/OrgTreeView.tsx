import { useState } from 'react';
import { useQuery } from '../api/use-query';
import { Problems } from '../components/Problems';
import { TierChart } from '../components/TierChart';
import type { OrgUnitRowFragment } from '../graphql/generated';
import { GRID_ROLE_LABELS, PARTNER_KIND_LABELS, TERRITORY_LABELS } from '../labels';

type Row = OrgUnitRowFragment;

/** One unit of the tree and, once opened, its children (loaded when opened). */
function TreeNode({
  unit,
  token,
  selected,
  onSelect,
  open: initiallyOpen,
}: {
  unit: Row;
  token?: string;
  selected?: string;
  onSelect: (id: string) => void;
  open?: string[];
}) {
  const [open, setOpen] = useState(initiallyOpen?.includes(unit.id) ?? false);
  const hasChildren = unit.descendantCount > 0;
  return (
    <li role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-selected={selected === unit.id}>
      <span className="tree-row">
        {hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-label={`${open ? '收起' : '展开'} ${unit.name}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle" aria-hidden="true" />
        )}
        <button type="button" className="tree-name" onClick={() => onSelect(unit.id)}>
          {unit.name}
        </button>
        <span className="tier-badge">{unit.tierName}</span>
        {hasChildren && <span className="muted">下辖 {unit.descendantCount}</span>}
      </span>
      {open && (
        <TreeLevel parentId={unit.id} token={token} selected={selected} onSelect={onSelect} open={initiallyOpen} />
      )}
    </li>
  );
}

function TreeLevel({
  parentId,
  token,
  selected,
  onSelect,
  open,
}: {
  parentId?: string;
  token?: string;
  selected?: string;
  onSelect: (id: string) => void;
  open?: string[];
}) {
  const { data, errors, loading } = useQuery('OrgUnitChildren', parentId ? { parentId } : { tier: 1 }, token);
  const units = data?.orgUnits?.edges.map((edge) => edge.node) ?? [];
  return (
    <ul role={parentId ? 'group' : 'tree'} aria-label={parentId ? undefined : '五级组织架构'} aria-busy={loading}>
      {units.map((unit) => (
        <TreeNode key={unit.id} unit={unit} token={token} selected={selected} onSelect={onSelect} open={open} />
      ))}
      {data?.orgUnits?.pageInfo.hasNextPage && (
        <li className="muted">
          （仅显示前 {units.length} 个，共 {data.orgUnits?.totalCount} 个）
        </li>
      )}
      <Problems errors={errors} />
    </ul>
  );
}

function SearchResults({
  search,
  token,
  onPick,
}: {
  search: string;
  token?: string;
  onPick: (id: string, path: string[]) => void;
}) {
  const { data, errors, loading } = useQuery('OrgUnitSearch', { search }, token);
  if (loading && !data) return <p className="muted">搜索中…</p>;
  const hits = data?.orgUnits?.edges.map((edge) => edge.node) ?? [];
  return (
    <div className="search-results" aria-live="polite">
      <p className="muted">找到 {data?.orgUnits?.totalCount ?? 0} 个单位</p>
      <ul>
        {hits.map((unit) => (
          <li key={unit.id}>
            <button
              type="button"
              className="link"
              onClick={() =>
                onPick(
                  unit.id,
                  unit.ancestors.map((ancestor) => ancestor.id),
                )
              }
            >
              {unit.name}
            </button>{' '}
            <span className="tier-badge">{unit.tierName}</span>{' '}
            <span className="muted">{unit.ancestors.map((ancestor) => ancestor.name).join(' › ')}</span>
          </li>
        ))}
      </ul>
      <Problems errors={errors} />
    </div>
  );
}

function GridAndPartners({ communityId, token }: { communityId: string; token?: string }) {
  const { data, errors } = useQuery('CommunityGridAndPartners', { id: communityId }, token);
  const cells = data?.community?.gridCells.edges.map((edge) => edge.node) ?? [];
  // partnerUnits(placeId:) answers those with an agreement in the community; its agreements elsewhere are not shown.
  const partners = data?.partnerUnits?.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <section aria-labelledby="grid-heading">
        <h3 id="grid-heading">网格（{data?.community?.gridCells.totalCount ?? 0}）</h3>
        <ul className="cards">
          {cells.map((cell) => (
            <li key={cell.id} className="card">
              <strong>{cell.name}</strong> <span className="muted">{cell.buildingIds.length} 栋楼</span>
              <ul className="plain">
                {cell.roles.edges.map(({ node: holder }) => (
                  <li key={`${holder.role}-${holder.holderName}`}>
                    {GRID_ROLE_LABELS[holder.role]}：{holder.holderName}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="partners-heading">
        <h3 id="partners-heading">共建单位（{partners.length}）</h3>
        <ul className="plain">
          {partners.map((partner) => (
            <li key={partner.id}>
              {partner.name} <span className="tier-badge">{PARTNER_KIND_LABELS[partner.kind]}</span>{' '}
              <span className="muted">
                {partner.agreements.edges
                  .map((edge) => edge.node)
                  .filter((agreement) => agreement.community.id === communityId)
                  .map((agreement) => agreement.scope)
                  .join('；')}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <Problems errors={errors} />
    </>
  );
}

function UnitDetail({ id, token }: { id: string; token?: string }) {
  const { data, errors } = useQuery('OrgUnitDetail', { id }, token);
  const unit = data?.orgUnit;
  if (!unit) return <Problems errors={errors} />;
  const names = data.tierSchemes?.[0]?.tierNames ?? [];
  const counts = [unit.tier2, unit.tier3, unit.tier4, unit.tier5];
  const tiers = counts
    .map((count, index) => ({ tier: index + 2, name: names[index + 1] ?? `第${index + 2}级`, count }))
    .filter((tier) => tier.tier > unit.tier);
  const communities = unit.territory.filter((place) => place.kind === 'COMMUNITY');
  return (
    <article className="unit-detail" aria-labelledby="unit-heading">
      <p className="muted">{unit.ancestors.map((ancestor) => ancestor.name).join(' › ')}</p>
      <h2 id="unit-heading">
        {unit.name} <span className="tier-badge">{unit.tierName}</span>
      </h2>
      {unit.leader && (
        <p>
          负责人：{unit.leader.name}
          {unit.leader.post ? `（${unit.leader.post}）` : ''}
        </p>
      )}
      {tiers.length > 0 && (
        <section aria-labelledby="tiers-heading">
          <h3 id="tiers-heading">各级下辖单位</h3>
          <table className="tier-counts">
            <tbody>
              {tiers.map((tier) => (
                <tr key={tier.tier}>
                  <th scope="row">{tier.name}</th>
                  <td data-testid={`tier-count-${tier.tier}`}>{tier.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <TierChart tiers={tiers} />
        </section>
      )}
      <section aria-labelledby="territory-heading">
        <h3 id="territory-heading">覆盖区域</h3>
        <ul className="plain">
          {unit.territory.map((place) => (
            <li key={place.id}>
              {TERRITORY_LABELS[place.kind] ?? place.kind}{' '}
              {place.kind === 'COMMUNITY' ? (
                <a href={`#/community/${place.id}`}>打开社区页</a>
              ) : (
                <code>{place.id}</code>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="members-heading">
        <h3 id="members-heading">成员</h3>
        {unit.members ? (
          <ul className="plain">
            {unit.members.map((member) => (
              <li key={`${member.name}-${member.post ?? ''}`}>
                {member.name}
                {member.post ? `（${member.post}）` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">登录后可见</p>
        )}
      </section>
      {communities.map((place) => (
        <GridAndPartners key={place.id} communityId={place.id} token={token} />
      ))}
      <Problems errors={errors} />
    </article>
  );
}

/** The five-tier hierarchy: open it level by level or search it; a unit's detail beside the tree. */
export function OrgTreeView({ token }: { token?: string }) {
  const [selected, setSelected] = useState<string>();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string[]>([]);
  const [treeKey, setTreeKey] = useState(0);
  return (
    <div className="split">
      <nav className="tree-panel" aria-label="组织架构">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setQuery(search.trim());
          }}
        >
          <label htmlFor="tree-search">搜索单位</label>
          <input
            id="tree-search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="如：淞泽"
          />
          <button type="submit">搜索</button>
        </form>
        {query && (
          <SearchResults
            search={query}
            token={token}
            onPick={(id, path) => {
              setOpen(path);
              setTreeKey(treeKey + 1);
              setSelected(id);
            }}
          />
        )}
        <TreeLevel key={treeKey} token={token} selected={selected} onSelect={setSelected} open={open} />
      </nav>
      <main className="detail-panel">
        {selected ? <UnitDetail id={selected} token={token} /> : <p className="muted">在左侧选择一个单位</p>}
      </main>
    </div>
  );
}
