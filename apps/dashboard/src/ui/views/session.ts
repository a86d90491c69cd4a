import {
  badge,
  empty,
  gradeBadge,
  pGood,
  routeBadge,
  section,
  signalChip,
  table,
  type ViewContext,
  type ViewResult,
} from '../components.ts';
import { h, type Child } from '../dom.ts';
import { clip, count, dateTime, duration, offset, pct } from '../format.ts';
import { link } from '../router.ts';
import type { Generation, Label, SessionDetail, SessionLabels, Signal, TacitEvent } from '../types.ts';

const TEXT_MAX = 4000;

/** A property as text: strings as they are, anything else as JSON. */
const str = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

const textBlock = (text: string, className = ''): HTMLElement =>
  h('pre', { class: `text ${className}` }, clip(text, TEXT_MAX));

/** The prompt, folded: the summary names its last user turn (usually the message just above). */
function promptBlock(prompt: Generation['prompt']): Child {
  if (prompt === null) return null;
  const messages = typeof prompt === 'string' ? [{ role: 'prompt', content: prompt }] : prompt;
  const last = [...messages].reverse().find((m) => m.role === 'user' || m.role === 'prompt');
  return h(
    'details',
    { class: 'prompt' },
    h(
      'summary',
      null,
      h('span', { class: 'role' }, 'prompt'),
      ` ${messages.length} message${messages.length === 1 ? '' : 's'}`,
      last ? h('span', { class: 'muted' }, ` · “${clip(str(last.content), 120)}”`) : null,
    ),
    messages.map((m) =>
      h('div', { class: 'message' }, h('span', { class: 'role' }, str(m.role)), textBlock(str(m.content))),
    ),
  );
}

/** What one event says, by type; unknown types and properties as JSON text. */
function eventBody(e: TacitEvent, genRef: (id: unknown) => string): Child {
  const p = e.properties;
  switch (e.type) {
    case 'message':
      return p.text !== undefined
        ? textBlock(str(p.text), 'user')
        : h('span', { class: 'muted' }, 'privacy mode: similarity sketch only');
    case 'edit':
      return p.text !== undefined
        ? [h('span', { class: 'muted' }, 'text after the edit'), textBlock(str(p.text))]
        : `edit statistics ${str(p.stats)}`;
    case 'copy':
      return `${count(num(p.chars) ?? 0)} characters${num(p.fraction) !== undefined ? ` (${pct(num(p.fraction), 0)} of the output)` : ''}`;
    case 'view':
      return [
        num(p.visibleMs) !== undefined ? `visible ${duration(num(p.visibleMs)!)}` : '',
        num(p.readDepth) !== undefined ? `, read ${pct(num(p.readDepth), 0)}` : '',
      ].join('');
    case 'regenerate':
      return p.newGenerationId !== undefined ? `replaced by ${genRef(p.newGenerationId)}` : 'regenerate';
    case 'share':
      return `to ${str(p.channel ?? 'somewhere')}`;
    case 'export':
      return [p.format, p.destination]
        .filter((x) => x !== undefined)
        .map(str)
        .join(' → ');
    case 'navigate':
      return `${str(p.direction ?? '')}${p.url !== undefined ? ` ${str(p.url)}` : ''}`;
    case 'feedback':
      return [
        p.thumb !== undefined ? `thumb ${str(p.thumb)}` : '',
        p.score !== undefined ? `score ${str(p.score)}` : '',
        p.comment !== undefined ? `“${clip(str(p.comment), 500)}”` : '',
      ]
        .filter((x) => x !== '')
        .join(' · ');
    case 'accept':
    case 'undo':
      return p.via !== undefined ? `via ${str(p.via)}` : '';
    case 'complete':
    case 'custom':
      return [str(p.name ?? ''), p.properties !== undefined ? clip(str(p.properties), 500) : ''].join(' ');
    case 'session_end':
      return p.reason !== undefined ? str(p.reason) : '';
    default:
      return clip(str(p), 500);
  }
}

function labelLine(l: Label | undefined, dirty: boolean): HTMLElement {
  if (l === undefined)
    return h('div', { class: 'label-line muted' }, dirty ? 'not labeled yet (labeling…)' : 'no label');
  return h(
    'div',
    { class: 'label-line', 'data-testid': 'label' },
    h('span', { class: 'kv' }, 'P(good) ', pGood(l.pGood)),
    gradeBadge(l.grade),
    routeBadge(l.route),
    h('span', { class: 'kv' }, `confidence ${pct(l.confidence, 0)}`),
    l.mixed ? badge('mixed signals', 'mixed') : null,
  );
}

/**
 * One session: its events in order (generations with their prompt, output and label), the
 * signals read from them with their evidence highlighted in the timeline, and the outcome.
 */
export async function session(ctx: ViewContext, id: string): Promise<ViewResult> {
  const path = `sessions/${encodeURIComponent(id)}`;
  const [d, l] = await Promise.all([
    ctx.api.get<SessionDetail>(path),
    ctx.api.get<SessionLabels>(`${path}/labels`),
  ]);
  const genIndex = new Map(d.generations.map((g, i) => [g.id, i + 1]));
  const generation = new Map(d.generations.map((g) => [g.id, g]));
  const label = new Map(l.labels.map((x) => [x.generationId, x]));
  const eventIndex = new Map(d.events.map((e, i) => [e.id, i + 1]));
  const genRef = (gid: unknown) =>
    typeof gid === 'string' && genIndex.has(gid) ? `G${genIndex.get(gid)}` : str(gid);

  const evidenceOf = new Map<string, { kind: string; polarity: Signal['polarity'] }[]>();
  const mark = (eventId: string, kind: string, polarity: Signal['polarity']) =>
    evidenceOf.set(eventId, [...(evidenceOf.get(eventId) ?? []), { kind, polarity }]);
  for (const sig of l.signals) for (const e of sig.evidence) mark(e, sig.kind, sig.polarity);

  const rows = new Map<string, HTMLElement>();
  /** Lights the evidence of a signal in the timeline and brings the first into view. */
  const highlight = (eventIds: readonly string[]) => {
    for (const row of rows.values()) row.classList.remove('lit');
    const lit = eventIds.map((e) => rows.get(e)).filter((r) => r !== undefined);
    for (const r of lit) r.classList.add('lit');
    lit[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const evidenceButtons = (ids: readonly string[]) =>
    ids.map((e) =>
      h(
        'button',
        { type: 'button', class: 'evref', title: e, onClick: () => highlight([e]) },
        eventIndex.has(e) ? `#${eventIndex.get(e)}` : 'elsewhere',
      ),
    );

  const start = d.session.firstTs;
  const timeline = h(
    'ol',
    { class: 'timeline' },
    d.events.map((e, i) => {
      const marks = evidenceOf.get(e.id) ?? [];
      const g =
        e.type === 'generation' && e.generationId !== undefined ? generation.get(e.generationId) : undefined;
      const row = h(
        'li',
        {
          class: [
            'event',
            `type-${e.type.replace(/[^a-z_]/g, '')}`,
            marks.length === 0
              ? ''
              : marks.some((m) => m.polarity === 'negative')
                ? 'evidence-negative'
                : 'evidence-positive',
          ].join(' '),
          'data-event-id': e.id,
        },
        h(
          'div',
          { class: 'when' },
          h('span', { class: 'index' }, `#${i + 1}`),
          h('span', { class: 'offset', title: dateTime(e.ts) }, offset(start, e.ts)),
        ),
        h(
          'div',
          { class: 'what' },
          h(
            'div',
            { class: 'head' },
            h('span', { class: 'type' }, e.type),
            e.generationId !== undefined ? h('span', { class: 'gen' }, genRef(e.generationId)) : null,
            g
              ? h(
                  'span',
                  { class: 'muted' },
                  [g.model, g.modelVersion, g.promptVersion, g.contentType]
                    .filter((x) => x !== null)
                    .join(' · '),
                )
              : null,
            marks.map((m) => signalChip(m.kind, m.polarity, 'this event is its evidence')),
          ),
          g
            ? h(
                'div',
                { class: 'generation' },
                promptBlock(g.prompt),
                h(
                  'div',
                  { class: 'output' },
                  h('span', { class: 'role' }, 'output'),
                  textBlock(g.output ?? ''),
                ),
                labelLine(label.get(g.id), l.dirty),
              )
            : h('div', { class: 'body' }, eventBody(e, genRef)),
        ),
      );
      rows.set(e.id, row);
      return row;
    }),
  );

  const o = l.outcome;
  const s = d.session;
  const facts: [string, Child][] = [
    ['User', s.userId ?? 'anonymous'],
    ['Started (UTC)', dateTime(s.firstTs)],
    ['Duration', offset(s.firstTs, s.lastTs).replace('+', '')],
    ['Events', count(s.eventCount)],
    ['Generations', count(d.generations.length)],
    ['App', [s.app, s.appVersion].filter((x) => x !== null).join(' ') || '–'],
    [
      'Cohort',
      s.cohort
        ? Object.entries(s.cohort)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : '–',
    ],
    [
      'Outcome',
      o === null
        ? l.dirty
          ? 'labeling…'
          : '–'
        : h(
            'span',
            { 'data-testid': 'outcome' },
            badge(o.status, `outcome-${o.status}`),
            ` ${o.reason !== undefined ? o.reason.replace(/_/g, ' ') : ''} · ${o.retries} retr${o.retries === 1 ? 'y' : 'ies'} · ${o.corrections} correction${o.corrections === 1 ? '' : 's'} `,
            o.evidence.length > 0
              ? [h('span', { class: 'muted' }, 'evidence '), evidenceButtons(o.evidence)]
              : null,
          ),
    ],
  ];

  const signalRows = [...l.signals]
    .sort((a, b) => (genIndex.get(a.generationId ?? '') ?? 0) - (genIndex.get(b.generationId ?? '') ?? 0))
    .map((sig) => [
      signalChip(sig.kind, sig.polarity),
      String(sig.strength),
      sig.generationId !== undefined ? genRef(sig.generationId) : 'session',
      h(
        'span',
        { class: 'nowrap' },
        evidenceButtons(sig.evidence),
        sig.evidence.length > 1
          ? h(
              'button',
              { type: 'button', class: 'link small', onClick: () => highlight(sig.evidence) },
              'all',
            )
          : null,
      ),
    ]);

  return {
    title: `Session ${id}`,
    nodes: [
      h('p', { class: 'crumbs' }, h('a', { href: link('sessions') }, '« Sessions')),
      section(
        `Session ${id}`,
        h(
          'dl',
          { class: 'facts row' },
          facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
        ),
        l.dirty
          ? h('p', { class: 'status busy' }, 'New events arrived: the labels below are being recomputed.')
          : null,
      ),
      h(
        'div',
        { class: 'split' },
        section(
          `Timeline (${d.events.length} events, in order)`,
          d.events.length === 0 ? empty('No events.') : timeline,
        ),
        h(
          'aside',
          null,
          section(
            'Signals',
            signalRows.length === 0
              ? empty(l.dirty ? 'Not labeled yet.' : 'No signals were read from this session.')
              : table(['Signal', 'Strength', 'About', 'Evidence'], signalRows, 'signals'),
            h('p', { class: 'muted small' }, 'Click an event number to find it in the timeline.'),
          ),
        ),
      ),
    ],
  };
}
