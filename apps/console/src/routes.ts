/** The console's pages, in the URL's hash so the server needs no routes of its own and a reload stays put. */
export type Route = { page: 'tree' } | { page: 'communities' } | { page: 'community'; id: string };

export function parseRoute(hash: string): Route {
  const community = /^#\/community\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  if (community) return { page: 'community', id: community[1] };
  if (hash === '#/communities') return { page: 'communities' };
  return { page: 'tree' };
}
