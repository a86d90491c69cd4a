import {
  badge,
  empty,
  filterBar,
  pager,
  section,
  table,
  type ViewContext,
  type ViewResult,
} from '../components.ts';
import { h } from '../dom.ts';
import { count, dateTime, offset, shortId } from '../format.ts';
import { link, sessionLink } from '../router.ts';
import type { Session } from '../types.ts';

const PAGE_SIZE = '25';

const cohortText = (c: Record<string, string> | null) =>
  c === null
    ? ''
    : Object.entries(c)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');

/** Sessions, most recently active first, filtered by model version and user; 25 a page. */
export async function sessions(ctx: ViewContext, query: URLSearchParams): Promise<ViewResult> {
  const filters = { modelVersion: query.get('modelVersion') ?? '', userId: query.get('userId') ?? '' };
  const page = Number(query.get('page') ?? '1') || 1;
  const [list, versions] = await Promise.all([
    ctx.api.get<{ sessions: Session[]; next: string | null }>('sessions', {
      ...filters,
      limit: PAGE_SIZE,
      cursor: query.get('cursor') ?? undefined,
    }),
    ctx.versions(),
  ]);
  const rows = list.sessions.map((s) => [
    h('span', { class: 'nowrap' }, dateTime(s.lastTs)),
    h('a', { href: sessionLink(s.id), title: s.id, class: 'mono' }, shortId(s.id)),
    s.userId === null
      ? h('span', { class: 'muted' }, 'anonymous')
      : h(
          'a',
          { href: link('sessions', { userId: s.userId }), title: s.userId, class: 'mono' },
          shortId(s.userId),
        ),
    count(s.eventCount),
    offset(s.firstTs, s.lastTs).replace('+', ''),
    cohortText(s.cohort),
    [s.app, s.appVersion].filter((x) => x !== null).join(' '),
    s.dirty ? badge('labeling…', 'pending') : badge('labeled', 'done'),
  ]);
  return {
    title: 'Sessions',
    nodes: [
      section(
        'Sessions',
        filterBar(
          [
            {
              name: 'modelVersion',
              label: 'Model version',
              value: filters.modelVersion,
              suggestions: versions,
            },
            { name: 'userId', label: 'User', value: filters.userId },
          ],
          (v) => link('sessions', v),
        ),
        rows.length === 0
          ? empty('No sessions match.')
          : table(
              ['Last activity (UTC)', 'Session', 'User', 'Events', 'Duration', 'Cohort', 'App', 'Labels'],
              rows,
              'sessions',
            ),
        pager(
          page,
          link('sessions', filters),
          list.next === null
            ? null
            : link('sessions', { ...filters, cursor: list.next, page: String(page + 1) }),
          list.sessions.length,
        ),
      ),
    ],
  };
}
