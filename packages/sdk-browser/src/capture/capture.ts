import type { Tacit } from '../client.ts';
import { fieldSelection, textOf, Watch } from './watch.ts';

const GEN = 'data-tacit-generation';
const ACTIONS = ['accept', 'copy', 'regenerate', 'share', 'export', 'feedback'] as const;
/** What a click can be about: a link, or an element marked with an action. */
const CLICKABLE = `a[href],${ACTIONS.map((a) => `[data-tacit-${a}]`).join(',')}`;
const NAV_KEY = 'tacit:n';

export interface Capture {
  observe(el: Element, gen: string, text?: string): void;
  /** Sends the pending edit and the view so far, then forgets the element. */
  unobserve(el: Element): void;
  /** An output was accepted: Ctrl/Cmd+Z shortly after undoes it, wherever the focus is. */
  accepted(gen: string): void;
  stop(): void;
}

/**
 * Automatic capture: document-level listeners (one set per page, however many outputs) that map
 * each user action to the observed output it happened in. A closure rather than a class: its
 * private state then minifies to one-letter names, which the 6 KB budget needs.
 */
export function capture(t: Tacit, doc: Document, win: Window): Capture {
  const p = t.platform;
  const watches = new Map<Element, Watch>();
  const off: (() => void)[] = [];
  let lastGen: string | undefined;
  let acceptedAt: [string, number] | undefined;
  let keyUndoAt = 0;
  let scrolledAt = 0;
  let awayUrl: string | undefined;

  const find = (node: EventTarget | Node | null | undefined): Watch | undefined => {
    for (let n = node as Node | null | undefined; n; n = n.parentNode) {
      const w = watches.get(n as Element);
      if (w) return w;
    }
    return undefined;
  };

  /** Sends the text as it is now, if it changed since the last snapshot. */
  const snapshot = (w: Watch | undefined): void => {
    if (!w) return;
    p.clearTimeout(w.timer);
    const text = w.edited();
    if (text === undefined) return;
    lastGen = w.gen;
    t.emit('edit', t.editProps(text, w.orig, t.allowed(w.masked)), w.gen);
  };

  /** Sends what is pending for an output: its last edit and its view so far. */
  const settle = (w: Watch): void => {
    snapshot(w);
    const view = w.view(p.now());
    if (view) t.view(w.gen, view);
  };

  const back = (gen: string | undefined): void => {
    t.navigate('back', { generationId: gen, url: win.location.href });
  };

  /** The page is hidden or going away: send edits, views (and on pagehide, `navigate away`) now. */
  const leave = (pagehide: boolean): void => {
    const now = p.now();
    for (const w of watches.values()) {
      // Stop the clock first: settling takes time (a large edit), and the view must not change
      // after it was sent (a second leave would send it again).
      w.pause(now);
      settle(w);
    }
    if (pagehide) {
      t.navigate('away', { generationId: lastGen, url: awayUrl });
      try {
        if (lastGen) p.storage?.setItem(NAV_KEY, `${lastGen}|${now}`);
      } catch {
        // No storage: a later back navigation is simply not recognised.
      }
    }
    t.exit();
  };

  const onCopy = (e: ClipboardEvent): void => {
    const target = e.target as Element;
    let text = fieldSelection(target);
    let w = find(target);
    if (text === undefined) {
      const sel = doc.getSelection();
      w = find(sel?.anchorNode) ?? find(sel?.focusNode);
      text = sel?.toString() ?? '';
    }
    if (!w || !text) return;
    lastGen = w.gen;
    const fraction = Math.round(Math.min(1, text.length / Math.max(1, w.orig.length)) * 1000) / 1000;
    t.copy(w.gen, { chars: text.length, fraction, text: w.masked ? undefined : text });
  };

  const onInput = (e: Event): void => {
    const w = find(e.target);
    if (!w) return;
    p.clearTimeout(w.timer);
    w.timer = p.setTimeout(
      t.guard(() => snapshot(w)),
      t.options.editDebounceMs ?? 1000,
    );
  };

  /**
   * An undo of an output. Typing whose snapshot is still pending is sent first: the undo takes
   * that edit back, not an earlier accept (Tacit replays accepts, edits and undos as a stack).
   */
  const undo = (w: Watch | undefined, gen: string, via: string): void => {
    snapshot(w);
    t.undo(gen, via);
  };

  const onBeforeInput = (e: InputEvent): void => {
    // Ctrl+Z also fires historyUndo: count the gesture once.
    if (e.inputType !== 'historyUndo') return; // every keystroke comes here: look no further
    const w = find(e.target);
    if (w && p.now() - keyUndoAt > 1000) undo(w, w.gen, 'historyUndo');
  };

  const onKey = (e: KeyboardEvent): void => {
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
    if (e.key.toLowerCase() !== 'z' && e.code !== 'KeyZ') return;
    const now = p.now();
    const a = acceptedAt;
    const w = find(e.target);
    // Undo in the output itself, or anywhere shortly after accepting one (it was inserted elsewhere).
    const gen = w?.gen ?? (a && now - a[1] < (t.options.undoWindowMs ?? 10_000) ? a[0] : undefined);
    if (!gen) return;
    keyUndoAt = now;
    undo(w, gen, 'keyboard');
  };

  const onClick = (e: MouseEvent): void => {
    const b = (e.target as Element).closest?.(CLICKABLE);
    if (!b) return;
    const w = find(b);
    if (b.tagName === 'A') {
      const url = (b as HTMLAnchorElement).href;
      if (w) t.navigate('deeper', { generationId: w.gen, url });
      else awayUrl = url;
      return;
    }
    const gen = w?.gen ?? lastGen;
    if (!gen) return;
    lastGen = gen;
    const action = ACTIONS.find((a) => b.hasAttribute(`data-tacit-${a}`)) as (typeof ACTIONS)[number];
    const v = b.getAttribute(`data-tacit-${action}`) || undefined;
    if (action === 'copy') {
      const source = w ?? [...watches.values()].find((x) => x.gen === gen);
      t.copy(gen, { chars: (source?.text() ?? textOf(b)).length, fraction: 1 });
    } else if (action === 'feedback') t.feedback(gen, { thumb: v === 'down' ? 'down' : 'up' });
    // accept(gen, via), regenerate(gen), share(gen, channel), export(gen, format)
    else t[action](gen, v as never);
  };

  const io =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          t.guard((entries: IntersectionObserverEntry[]) => {
            const now = p.now();
            for (const entry of entries) {
              const w = watches.get(entry.target);
              if (!w) continue;
              w.shown = entry.isIntersecting;
              if (!w.shown) w.pause(now);
              else if (doc.visibilityState === 'visible') w.resume(now);
              w.measure(win.innerHeight);
            }
          }),
          { threshold: [0, 0.5, 1] },
        )
      : undefined;

  const api: Capture = {
    observe(el, gen, text) {
      const old = watches.get(el);
      if (old?.gen === gen) return;
      if (old) api.unobserve(el);
      let masked = true;
      try {
        masked = !!el.closest(['[data-tacit-mask]', ...(t.options.mask ?? [])].join(','));
      } catch {
        // An invalid mask selector: fail closed, never send this element's text.
      }
      watches.set(el, new Watch(el, gen, masked, text));
      lastGen = gen;
      io?.observe(el);
    },
    unobserve(el) {
      const w = watches.get(el);
      if (!w) return;
      settle(w);
      io?.unobserve(el);
      watches.delete(el);
    },
    accepted(gen) {
      acceptedAt = [gen, p.now()];
    },
    stop() {
      for (const el of [...watches.keys()]) api.unobserve(el);
      io?.disconnect();
      mo?.disconnect();
      for (const f of off) f();
    },
  };

  /** Observes every element of a subtree that carries `data-tacit-generation`. */
  const scan = (root: Element | null): void => {
    if (root?.nodeType !== 1) return;
    for (const el of [root, ...root.querySelectorAll(`[${GEN}]`)]) {
      const gen = el.getAttribute(GEN);
      if (gen) api.observe(el, gen);
    }
  };

  const mo =
    typeof MutationObserver === 'function'
      ? new MutationObserver(
          t.guard((records: MutationRecord[]) => {
            let removed = false;
            for (const r of records) {
              const el = r.target as Element;
              if (r.type === 'childList') {
                for (const n of r.addedNodes) scan(n as Element);
                removed ||= r.removedNodes.length > 0;
              } else if (el.getAttribute(GEN)) scan(el);
              else api.unobserve(el);
            }
            // Only a removal can disconnect a watched output: skip the sweep for additions.
            if (removed) for (const [el] of watches) if (!el.isConnected) api.unobserve(el);
          }),
        )
      : undefined;
  mo?.observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: [GEN] });

  const on = (target: EventTarget, type: string, fn: (e: never) => unknown, passive = false): void => {
    const h = t.guard(fn as (e: Event) => void);
    target.addEventListener(type, h, { capture: true, passive });
    off.push(() => target.removeEventListener(type, h, { capture: true }));
  };
  on(doc, 'copy', onCopy);
  on(doc, 'input', onInput);
  on(doc, 'beforeinput', onBeforeInput);
  on(doc, 'keydown', onKey);
  on(doc, 'click', onClick);
  on(doc, 'focusout', (e: FocusEvent) => snapshot(find(e.target)));
  on(
    doc,
    'scroll',
    () => {
      const now = p.now();
      if (now - scrolledAt < 100) return;
      scrolledAt = now;
      for (const w of watches.values()) w.measure(win.innerHeight);
    },
    true,
  );
  on(doc, 'visibilitychange', () => {
    if (doc.visibilityState === 'hidden') leave(false);
    else for (const w of watches.values()) w.resume(p.now());
  });
  on(win, 'pagehide', () => leave(true));
  on(win, 'pageshow', (e: PageTransitionEvent) => e.persisted && back(lastGen));

  scan(doc.documentElement);
  // A back/forward navigation to this page soon after leaving it: the user came back.
  const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  const [gen, left] = (p.storage?.getItem(NAV_KEY) ?? '').split('|');
  if (nav?.type === 'back_forward' && p.now() - Number(left) < 30 * 60_000) back(gen);
  return api;
}
