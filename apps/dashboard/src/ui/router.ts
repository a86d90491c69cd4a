import { queryString, type Query } from './api.ts';

/** The dashboard's views, addressed by the URL fragment (`#/sessions?modelVersion=v3`). */
export type Route =
  | { view: 'overview' }
  | { view: 'sessions'; query: URLSearchParams }
  | { view: 'session'; id: string }
  | { view: 'labels'; query: URLSearchParams }
  | { view: 'alerts' }
  | { view: 'context' }
  | { view: 'missing'; path: string };

export type Tab = 'overview' | 'sessions' | 'labels' | 'alerts' | 'context';

export const TABS: readonly { tab: Tab; title: string }[] = [
  { tab: 'overview', title: 'Overview' },
  { tab: 'sessions', title: 'Sessions' },
  { tab: 'labels', title: 'Labels' },
  { tab: 'alerts', title: 'Alerts' },
  { tab: 'context', title: 'Context' },
];

/** The route of a fragment; anything unknown is `missing` (shown as such, never guessed). */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const [head = '', ...rest] = path.split('/');
  if (head === '' && rest.length === 0) return { view: 'overview' };
  if (head === 'sessions' && rest.length === 0) return { view: 'sessions', query };
  if (head === 'sessions' && rest.length === 1 && rest[0] !== '') {
    try {
      return { view: 'session', id: decodeURIComponent(rest[0]!) };
    } catch {
      return { view: 'missing', path };
    }
  }
  if (head === 'labels' && rest.length === 0) return { view: 'labels', query };
  if (head === 'alerts' && rest.length === 0) return { view: 'alerts' };
  if (head === 'context' && rest.length === 0) return { view: 'context' };
  return { view: 'missing', path };
}

/** The tab a route belongs to. */
export function tabOf(route: Route): Tab | undefined {
  switch (route.view) {
    case 'session':
      return 'sessions';
    case 'missing':
      return undefined;
    default:
      return route.view;
  }
}

/** A fragment link: `link('sessions', { modelVersion: 'v3' })` → `#/sessions?modelVersion=v3`. */
export function link(tab: Tab, query: Query = {}): string {
  return `#/${tab === 'overview' ? '' : tab}${queryString(query)}`;
}

/** The link of one session's page. */
export const sessionLink = (id: string): string => `#/sessions/${encodeURIComponent(id)}`;
