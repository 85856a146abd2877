import { useQuery } from '../api/use-query';
import { Problems } from '../components/Problems';

/** The communities the console can open. */
export function CommunityListView({ token }: { token?: string }) {
  const { data, errors } = useQuery('CommunityList', {}, token);
  return (
    <main>
      <h1>社区（{data?.communities?.totalCount ?? 0}）</h1>
      <ul className="plain">
        {data?.communities?.edges.map(({ node }) => (
          <li key={node.id}>
            <a href={`#/community/${node.id}`}>{node.name}</a> <span className="muted">{node.street}</span>
          </li>
        ))}
      </ul>
      <Problems errors={errors} />
    </main>
  );
}
