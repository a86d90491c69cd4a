import type { Api } from './api.ts';
import { h, type Child } from './dom.ts';
import { pct } from './format.ts';
import type { Label } from './types.ts';

/** What every view gets: the API with the signed-in key, and suggestions fetched once. */
export interface ViewContext {
  api: Api;
  /** Model versions seen in the project (for filter suggestions). */
  versions(): Promise<string[]>;
  /** Signal kinds of the product context (for filter suggestions). */
  signalKinds(): Promise<string[]>;
}

/** A view: the page title and the nodes of the main area. */
export interface ViewResult {
  title: string;
  nodes: Child[];
}

export const section = (title: string, ...children: Child[]): HTMLElement =>
  h('section', { class: 'card' }, h('h2', null, title), ...children);

export const empty = (text: string): HTMLElement => h('p', { class: 'empty' }, text);

/** A table; each row is its cells, a cell is any child (strings become text). */
export function table(
  headers: readonly (string | { text: string; class: string })[],
  rows: readonly (readonly Child[])[],
  className = '',
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: className },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((t) =>
            typeof t === 'string' ? h('th', null, t) : h('th', { class: t.class }, t.text),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((cells) =>
          h(
            'tr',
            null,
            cells.map((c) => h('td', null, c)),
          ),
        ),
      ),
    ),
  );
}

export const badge = (text: string, kind: string, title?: string): HTMLElement =>
  h('span', { class: `badge ${kind}`, title }, text);

export const gradeBadge = (grade: Label['grade']): HTMLElement =>
  grade === null
    ? badge('no grade', 'grade-none', 'no evidence about this output')
    : badge(grade.replace('_', ' '), `grade-${grade}`);

export const routeBadge = (route: Label['route']): HTMLElement =>
  badge(route, `route-${route}`, route === 'train' ? 'confident: may enter training data' : undefined);

/** P(good) as a number and a small bar. */
export function pGood(p: number): HTMLElement {
  const bar = h('span', { class: 'pbar' }, h('span', { class: 'pfill' }));
  (bar.firstChild as HTMLElement).style.width = `${Math.round(p * 100)}%`;
  return h('span', { class: `pgood ${p >= 0.5 ? 'good' : 'bad'}` }, bar, pct(p, 0));
}

export const signalChip = (kind: string, polarity: 'positive' | 'negative', extra = ''): HTMLElement =>
  h(
    'span',
    { class: `chip ${polarity}`, title: `${polarity} signal${extra === '' ? '' : `, ${extra}`}` },
    `${polarity === 'positive' ? '+' : '−'} ${kind}`,
  );

/** A filter bar: named inputs and selects; submitting navigates to `target(values)`. */
export interface Field {
  name: string;
  label: string;
  value: string;
  /** Choices of a select (first is "any"), or suggestions of a text input. */
  options?: readonly string[];
  suggestions?: readonly string[];
}

export function filterBar(
  fields: readonly Field[],
  target: (values: Record<string, string>) => string,
): HTMLElement {
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const form = h(
    'form',
    {
      class: 'filters',
      onSubmit: (e) => {
        e.preventDefault();
        const values: Record<string, string> = {};
        for (const [name, el] of inputs) values[name] = el.value.trim();
        location.hash = target(values);
      },
    },
    fields.map((f) => {
      const id = `filter-${f.name}`;
      let control: HTMLInputElement | HTMLSelectElement;
      if (f.options) {
        control = h(
          'select',
          { id, name: f.name },
          h('option', { value: '' }, 'any'),
          f.options.map((o) => h('option', { value: o, selected: o === f.value }, o)),
        );
      } else {
        control = h('input', {
          id,
          name: f.name,
          value: f.value,
          placeholder: 'any',
          autocomplete: 'off',
          list: f.suggestions ? `${id}-list` : undefined,
        });
      }
      inputs.set(f.name, control);
      return h(
        'label',
        { for: id },
        h('span', null, f.label),
        control,
        f.suggestions
          ? h(
              'datalist',
              { id: `${id}-list` },
              f.suggestions.map((v) => h('option', { value: v })),
            )
          : null,
      );
    }),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: target({}), class: 'clear' }, 'Clear'),
  );
  return form;
}

/** First page / next page links of a cursor-paginated list. */
export function pager(page: number, first: string, next: string | null, shown: number): HTMLElement {
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'pages' },
    page > 1 ? h('a', { href: first }, '« First page') : null,
    h('span', null, `Page ${page} · ${shown} shown`),
    next !== null ? h('a', { href: next, class: 'next' }, 'Next page »') : null,
  );
}
