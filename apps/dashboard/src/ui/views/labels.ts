import {
  empty,
  filterBar,
  gradeBadge,
  pager,
  pGood,
  routeBadge,
  section,
  table,
  type ViewContext,
  type ViewResult,
} from '../components.ts';
import { h } from '../dom.ts';
import { dateTime, pct, shortId } from '../format.ts';
import { link, sessionLink } from '../router.ts';
import type { Label } from '../types.ts';

const GRADES = ['accepted', 'minor_edit', 'major_edit', 'replaced', 'rejected'] as const;
const ROUTES = ['train', 'review', 'discard'] as const;
const FILTERS = ['modelVersion', 'grade', 'route', 'signal'] as const;

/** Labels of generations, newest first, filtered by version, grade, route and signal; 50 a page. */
export async function labels(ctx: ViewContext, query: URLSearchParams): Promise<ViewResult> {
  const filters = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const page = Number(query.get('page') ?? '1') || 1;
  const [list, versions, kinds] = await Promise.all([
    ctx.api.get<{ labels: Label[]; next: string | null }>('labels', {
      ...filters,
      limit: '50',
      cursor: query.get('cursor') ?? undefined,
    }),
    ctx.versions(),
    ctx.signalKinds(),
  ]);
  const rows = list.labels.map((l) => [
    h('span', { class: 'nowrap' }, dateTime(l.at)),
    h(
      'a',
      {
        href: sessionLink(l.sessionId),
        title: `generation ${l.generationId} in session ${l.sessionId}`,
        class: 'mono',
      },
      shortId(l.generationId),
    ),
    l.modelVersion ?? '–',
    l.contentType ?? '–',
    gradeBadge(l.grade),
    routeBadge(l.route),
    pGood(l.pGood),
    pct(l.confidence, 0),
    h('span', { class: 'kinds' }, l.signalKinds.join(', ')),
  ]);
  return {
    title: 'Labels',
    nodes: [
      section(
        'Labels',
        filterBar(
          [
            {
              name: 'modelVersion',
              label: 'Model version',
              value: filters.modelVersion,
              suggestions: versions,
            },
            { name: 'grade', label: 'Grade', value: filters.grade, options: GRADES },
            { name: 'route', label: 'Route', value: filters.route, options: ROUTES },
            { name: 'signal', label: 'Signal', value: filters.signal, suggestions: kinds },
          ],
          (v) => link('labels', v),
        ),
        rows.length === 0
          ? empty('No labels match.')
          : table(
              [
                'Shown (UTC)',
                'Generation',
                'Version',
                'Content',
                'Grade',
                'Route',
                'P(good)',
                'Confidence',
                'Signals',
              ],
              rows,
              'labels',
            ),
        pager(
          page,
          link('labels', filters),
          list.next === null
            ? null
            : link('labels', { ...filters, cursor: list.next, page: String(page + 1) }),
          list.labels.length,
        ),
      ),
    ],
  };
}
