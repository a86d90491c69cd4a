import { Api, ApiFailure } from './api.ts';
import { KEY_STORAGE, keyFromFragment, keyHint, keyKind } from './auth.ts';
import type { ViewContext, ViewResult } from './components.ts';
import { h } from './dom.ts';
import { once } from './once.ts';
import { parseRoute, TABS, tabOf, link, type Route } from './router.ts';
import type { ProductContextAnswer, Rates } from './types.ts';
import { alerts } from './views/alerts.ts';
import { context } from './views/context.ts';
import { labels } from './views/labels.ts';
import { overview } from './views/overview.ts';
import { session } from './views/session.ts';
import { sessions } from './views/sessions.ts';

/** The key kept in this browser; storage may be unavailable (private modes), then nothing is kept. */
const saved = {
  get(): string | undefined {
    try {
      return localStorage.getItem(KEY_STORAGE) ?? undefined;
    } catch {
      return undefined;
    }
  },
  set(key: string): void {
    try {
      localStorage.setItem(KEY_STORAGE, key);
    } catch {
      // kept for this page only
    }
  },
  clear(): void {
    try {
      localStorage.removeItem(KEY_STORAGE);
    } catch {
      // nothing kept
    }
  },
};

function viewContext(api: Api): ViewContext {
  // Suggestions only: a failure leaves the filters without them.
  return {
    api,
    versions: once(() =>
      api
        .get<Rates>('monitor/rates', { metric: 'rate:retried', window: 'day', since: '2000-01-01T00:00:00Z' })
        .then((r) => [...new Set(r.rates.map((x) => x.group))].sort())
        .catch(() => []),
    ),
    signalKinds: once(() =>
      api
        .get<ProductContextAnswer>('context')
        .then((c) => Object.keys(c.context.signals ?? {}).sort())
        .catch(() => []),
    ),
  };
}

function viewOf(ctx: ViewContext, route: Route): Promise<ViewResult> {
  switch (route.view) {
    case 'overview':
      return overview(ctx);
    case 'sessions':
      return sessions(ctx, route.query);
    case 'session':
      return session(ctx, route.id);
    case 'labels':
      return labels(ctx, route.query);
    case 'alerts':
      return alerts(ctx);
    case 'context':
      return context(ctx);
    case 'missing':
      return Promise.resolve({
        title: 'Not found',
        nodes: [
          h(
            'p',
            { class: 'error' },
            'There is no such page. ',
            h('a', { href: link('overview') }, 'Overview »'),
          ),
        ],
      });
  }
}

const why = (err: unknown): string =>
  err instanceof ApiFailure
    ? err.status === 0
      ? err.message
      : `${err.message} (HTTP ${err.status})`
    : `the page failed: ${String(err)}`;

/** The signed-in dashboard: header with the tabs, and the view of the URL fragment. */
class Dashboard {
  private readonly main = h('main', { id: 'main' });
  private readonly nav = h('nav', { class: 'tabs', 'aria-label': 'views' });
  private ctx: ViewContext;
  private seq = 0;

  constructor(private readonly key: string) {
    this.ctx = viewContext(new Api(key));
  }

  mount(): void {
    for (const t of TABS) this.nav.append(h('a', { href: link(t.tab), 'data-tab': t.tab }, t.title));
    const header = h(
      'header',
      { class: 'top' },
      h('a', { href: link('overview'), class: 'brand' }, 'Tacit'),
      this.nav,
      h('span', { class: 'spacer' }),
      h('span', { class: 'who', title: 'the secret key this browser reads with' }, keyHint(this.key)),
      h('button', { type: 'button', class: 'link', onClick: () => this.refresh() }, 'Refresh'),
      h('button', { type: 'button', class: 'link', id: 'sign-out', onClick: () => signOut() }, 'Sign out'),
    );
    document.body.replaceChildren(header, this.main);
    void this.render();
  }

  refresh(): void {
    this.ctx = viewContext(new Api(this.key));
    void this.render();
  }

  async render(): Promise<void> {
    const route = parseRoute(location.hash);
    const tab = tabOf(route);
    for (const a of this.nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.tab === tab);
    const seq = ++this.seq;
    this.main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
    try {
      const view = await viewOf(this.ctx, route);
      if (seq !== this.seq) return; // a newer navigation won
      document.title = `${view.title} · Tacit`;
      this.main.replaceChildren(h('div', { class: 'view' }, view.nodes));
    } catch (err) {
      if (seq !== this.seq) return;
      if (err instanceof ApiFailure && err.status === 401) {
        signOut(`This server no longer accepts the saved key: ${err.message}. Paste a valid secret key.`);
        return;
      }
      this.main.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, `Could not load this page: ${why(err)}`),
      );
    }
  }
}

let current: Dashboard | undefined;
addEventListener('hashchange', () => {
  if (current !== undefined) void current.render();
});

/** Forgets the key; `error` says why when it was not the user's choice. */
function signOut(error?: string): void {
  saved.clear();
  current = undefined;
  showSignIn(error === undefined ? { note: 'Signed out.' } : { error });
}

/** Checks a key with one read before keeping it: a wrong key is told at once, clearly. */
async function signIn(key: string): Promise<string | undefined> {
  if (keyKind(key) === 'public')
    return 'That is a public key (pk_…): it can only send events. Paste a secret key (sk_…).';
  try {
    await new Api(key).get('labeling/status');
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    if (err.status === 401)
      return `This key was not accepted: ${err.message}. Check it, or create one with tacit keys create.`;
    if (err.status === 403) return 'That key may not read (a public key). Paste a secret key (sk_…).';
    return `Could not check the key: ${why(err)}`;
  }
  saved.set(key);
  current = new Dashboard(key);
  current.mount();
  return undefined;
}

function showSignIn(say: { note?: string; error?: string } = {}): void {
  document.title = 'Sign in · Tacit';
  const input = h('input', {
    id: 'key',
    name: 'key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'sk_…',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, say.error ?? '');
  error.hidden = say.error === undefined;
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    {
      class: 'card signin',
      onSubmit: (e) => {
        e.preventDefault();
        button.disabled = true;
        error.hidden = true;
        void signIn(input.value.trim()).then(
          (problem) => {
            if (problem === undefined) return;
            button.disabled = false;
            error.textContent = problem;
            error.hidden = false;
          },
          (err: unknown) => {
            button.disabled = false;
            error.textContent = why(err);
            error.hidden = false;
          },
        );
      },
    },
    h('h1', null, 'Tacit'),
    say.note !== undefined ? h('p', { class: 'note' }, say.note) : null,
    h(
      'p',
      null,
      'Paste a secret key (sk_…) of the project to look at. ',
      h('code', null, 'tacit start'),
      ' prints one; ',
      h('code', null, 'tacit keys create'),
      ' makes another.',
    ),
    h('label', { for: 'key' }, 'Secret key'),
    input,
    error,
    button,
    h(
      'p',
      { class: 'muted small' },
      'The key stays in this browser (local storage) and goes only to this server, in the Authorization header. The dashboard only reads.',
    ),
  );
  document.body.replaceChildren(h('main', { class: 'center' }, form));
  input.focus();
}

function boot(): void {
  const fromLink = keyFromFragment(location.hash);
  if (fromLink !== undefined) {
    // Out of the address bar and this history entry before anything else happens.
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    void signIn(fromLink).then(
      (problem) => problem !== undefined && showSignIn({ error: problem }),
      (err: unknown) => showSignIn({ error: why(err) }),
    );
    return;
  }
  const key = saved.get();
  if (key === undefined) {
    showSignIn();
    return;
  }
  current = new Dashboard(key);
  current.mount();
}

boot();
