const isField = (el: Element): el is HTMLTextAreaElement | HTMLInputElement =>
  el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';

/** The text an element shows: a field's value, or its text content. */
export const textOf = (el: Element): string => (isField(el) ? el.value : (el.textContent ?? ''));

/** The text selected inside a field, or undefined for other elements. */
export const fieldSelection = (el: Element): string | undefined =>
  isField(el) ? el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0) : undefined;

/** The editable part of an observed element: itself, or the first field or contenteditable inside. */
const editorOf = (el: Element): Element =>
  isField(el) || (el as HTMLElement).isContentEditable
    ? el
    : (el.querySelector('textarea,input,[contenteditable]:not([contenteditable=false])') ?? el);

/**
 * One observed AI output: the text it started with, the last edit sent, and how long and how
 * far it has been seen.
 */
export class Watch {
  readonly el: Element;
  readonly gen: string;
  /** The output as generated. */
  readonly orig: string;
  readonly masked: boolean;
  /** Whether it intersects the viewport now. */
  shown = false;
  timer: unknown;
  #last: string;
  #visibleMs = 0;
  #since = 0;
  #depth = 0;
  #sent = 0;

  constructor(el: Element, gen: string, masked: boolean, text?: string) {
    this.el = el;
    this.gen = gen;
    this.masked = masked;
    this.orig = this.#last = text ?? this.text();
  }

  /** The current text of its editable part. */
  text(): string {
    return textOf(editorOf(this.el));
  }

  /** The text if it changed since the last call that returned one. */
  edited(): string | undefined {
    const text = this.text();
    if (text === this.#last) return undefined;
    return (this.#last = text);
  }

  /** Visible time starts counting (it intersects and the page is visible). */
  resume(now: number): void {
    if (this.shown && !this.#since) this.#since = now;
  }

  /** Visible time stops counting. */
  pause(now: number): void {
    if (this.#since) this.#visibleMs += now - this.#since;
    this.#since = 0;
  }

  /** Records how far down the output the viewport's bottom edge reaches, 0..1. */
  measure(viewportHeight: number): void {
    if (!this.shown) return;
    const r = this.el.getBoundingClientRect();
    this.#depth = Math.max(this.#depth, Math.min(1, Math.max(0, (viewportHeight - r.top) / (r.height || 1))));
  }

  /** The cumulative view so far, if it grew since the last one returned. */
  view(now: number): { visibleMs: number; readDepth: number } | undefined {
    const counting = !!this.#since;
    this.pause(now);
    if (counting) this.#since = now;
    const view = { visibleMs: Math.round(this.#visibleMs), readDepth: Math.round(this.#depth * 100) / 100 };
    // Both only grow: their sum changes exactly when one of them does.
    const key = view.visibleMs + view.readDepth;
    if (view.visibleMs === 0 || key === this.#sent) return undefined;
    this.#sent = key;
    return view;
  }
}
