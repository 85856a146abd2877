/** One replica as haproxy sees it: `UP`, `DOWN`, `MAINT`, `no check`, or a transition such as `UP 1/2`. */
export interface HaproxyServerState {
  backend: string;
  server: string;
  status: string;
}

/**
 * Parses haproxy's CSV statistics (`GET /stats;csv`): one row per frontend, server and backend, the header starting
 * `# pxname,svname,…`. Returns the servers only (not the FRONTEND/BACKEND summary rows).
 */
export function parseHaproxyStats(csv: string): HaproxyServerState[] {
  const [header, ...rows] = csv.split('\n').filter((line) => line.trim() !== '');
  if (!header?.startsWith('# ')) throw new Error('not haproxy CSV statistics: the header line is missing');
  const columns = header.slice(2).split(',');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`haproxy CSV statistics without a ${name} column`);
    return index;
  };
  const [pxname, svname, status] = [at('pxname'), at('svname'), at('status')];
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[svname] !== 'FRONTEND' && cells[svname] !== 'BACKEND')
    .map((cells) => ({ backend: cells[pxname], server: cells[svname], status: cells[status] }));
}

/** The servers haproxy (stats on 127.0.0.1:statsPort) does not route to right now: every one not plainly `UP`. */
export async function serversNotUp(statsPort: number): Promise<HaproxyServerState[]> {
  const res = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`, { signal: AbortSignal.timeout(2_000) });
  if (!res.ok) throw new Error(`haproxy statistics answered HTTP ${res.status}`);
  return parseHaproxyStats(await res.text()).filter((state) => state.status !== 'UP');
}
