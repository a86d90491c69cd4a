import { badge, empty, section, table, type ViewContext, type ViewResult } from '../components.ts';
import { h } from '../dom.ts';
import { dateTime } from '../format.ts';
import type { AlertRules, Alerts } from '../types.ts';

/** Open alerts, the history of firings and resolutions with their webhook deliveries, the rules. */
export async function alerts(ctx: ViewContext): Promise<ViewResult> {
  const [a, rules] = await Promise.all([
    ctx.api.get<Alerts>('alerts', { limit: '100' }),
    ctx.api.get<AlertRules>('alerts/rules'),
  ]);
  const delivery = (d: Alerts['history'][number]['delivery']) =>
    d.state === 'none'
      ? h('span', { class: 'muted' }, 'no webhook')
      : h(
          'span',
          { title: d.error ?? '' },
          `${d.state}${d.status !== undefined ? ` (HTTP ${d.status})` : ''}, ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`,
        );
  return {
    title: 'Alerts',
    nodes: [
      section(
        'Open alerts',
        a.open.length === 0
          ? empty('No open alerts.')
          : table(
              ['Rule', 'Open since (UTC)', 'What'],
              a.open.map((x) => [h('strong', null, x.ruleId), dateTime(x.openedAt), x.summary]),
              'alerts',
            ),
      ),
      section(
        'History',
        a.history.length === 0
          ? empty('No alert has fired yet.')
          : table(
              ['At (UTC)', 'Event', 'Rule', 'What', 'Webhook'],
              a.history.map((x) => [
                dateTime(x.at),
                badge(
                  x.type === 'resolved' && x.reason !== undefined
                    ? `resolved: ${x.reason.replace('_', ' ')}`
                    : x.type,
                  `alert-${x.type}`,
                ),
                x.ruleId,
                x.summary,
                delivery(x.delivery),
              ]),
              'alerts',
            ),
      ),
      section(
        rules.source === 'default'
          ? 'Rules (the defaults: the project has set none)'
          : `Rules (set ${dateTime(rules.updatedAt ?? '')} UTC)`,
        h('p', { class: 'muted' }, 'Change them with tacit alerts rules set FILE or PUT /v1/alerts/rules.'),
        h('pre', { class: 'code' }, rules.text),
      ),
    ],
  };
}
