/** An answer of the API that was not a success, in the API's error format. */
export class ApiFailure extends Error {
  constructor(
    /** HTTP status; 0 when the server did not answer. */
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export type Query = Record<string, string | undefined>;

/** `v1/PATH?query` relative to the page, so that a proxy may serve Tacit under a path prefix. */
export function apiUrl(path: string, query: Query = {}): string {
  return `v1/${path}${queryString(query)}`;
}

/** `?a=1&b=2` of the parameters that have a value; `''` when none has. */
export function queryString(query: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, v);
  const s = qs.toString();
  return s === '' ? '' : `?${s}`;
}

/** Reads the API with a secret key in the `Authorization` header (never in a URL). */
export class Api {
  constructor(
    private readonly key: string,
    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async get<T>(path: string, query: Query = {}): Promise<T> {
    let r: Response;
    try {
      r = await this.fetchFn(apiUrl(path, query), {
        headers: { authorization: `Bearer ${this.key}` },
        cache: 'no-store',
      });
    } catch {
      throw new ApiFailure(0, 'network', 'Tacit did not answer: is the server still running?');
    }
    if (r.ok) return (await r.json()) as T;
    let code = 'http';
    let message = `HTTP ${r.status}`;
    try {
      const body = (await r.json()) as { error?: { code?: unknown; message?: unknown } };
      if (typeof body.error?.code === 'string') code = body.error.code;
      if (typeof body.error?.message === 'string') message = body.error.message;
    } catch {
      // not the API's error format: keep the status
    }
    throw new ApiFailure(r.status, code, message);
  }
}
