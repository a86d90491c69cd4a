/**
 * The only way the dashboard builds DOM: elements from trusted tag and attribute names, and every
 * piece of data as a text node or an attribute value. Nothing is ever parsed as HTML: prompts and
 * outputs are user and model text, hostile by definition.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

export type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

function apply(el: Element, props: Props | null | undefined): void {
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'href' && !String(value).startsWith('#')) {
      // Links only ever go to the dashboard's own views; data never becomes a URL.
      throw new Error(`dashboard links are internal: ${String(value).slice(0, 40)}`);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(el: Element, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c as readonly Child[]);
    else el.append(typeof c === 'number' ? String(c) : (c as Node | string));
  }
}

/** An HTML element: `h('a', { href: '#/sessions', class: 'x' }, 'text', child)`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, props);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element, same rules as `h`. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, props);
  append(el, children);
  return el;
}
