/** The console's pages, in the URL's hash so the server needs no routes of its own and a reload stays put. */
export type Route =
  | { page: 'tree' }
  | { page: 'communities' }
  | { page: 'community'; id: string }
  | { page: 'motions'; id: string }
  | { page: 'motion'; id: string };

const ID = '([A-Za-z0-9_-]{1,64})';

export function parseRoute(hash: string): Route {
  const community = new RegExp(`^#/community/${ID}$`).exec(hash);
  if (community) return { page: 'community', id: community[1] };
  const motions = new RegExp(`^#/community/${ID}/motions$`).exec(hash);
  if (motions) return { page: 'motions', id: motions[1] };
  const motion = new RegExp(`^#/motion/${ID}$`).exec(hash);
  if (motion) return { page: 'motion', id: motion[1] };
  if (hash === '#/communities') return { page: 'communities' };
  return { page: 'tree' };
}
