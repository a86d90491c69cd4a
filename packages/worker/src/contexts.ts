import { builtinContext, contextHash, resolveContext, type ProductContext } from '@tacit/core';
import type { Store } from '@tacit/store';

export interface ResolvedContext {
  context: ProductContext;
  hash: string;
}

/**
 * The product context each project's sessions are labeled under: the project's active context
 * from the store, or the default. Cached briefly, so that a context activated by another process
 * (a backfill) is picked up within `ttlMs`.
 */
export class ContextCache {
  private readonly cache = new Map<string, { value: ResolvedContext; until: number }>();
  private readonly fallback: ResolvedContext;

  constructor(
    private readonly store: Store,
    defaultContext: ProductContext = builtinContext('chat'),
    private readonly ttlMs = 5000,
    private readonly now: () => number = Date.now,
  ) {
    this.fallback = { context: defaultContext, hash: contextHash(defaultContext) };
  }

  async get(projectId: string): Promise<ResolvedContext> {
    const hit = this.cache.get(projectId);
    const t = this.now();
    if (hit && hit.until > t) return hit.value;
    const stored = await this.store.contexts.active(projectId);
    let value = this.fallback;
    if (stored) {
      const r = resolveContext(stored.body);
      // A stored context was validated when activated; one that no longer parses (an older
      // schema) falls back to the default rather than stopping the loop.
      if (r.ok) value = { context: r.value, hash: contextHash(r.value) };
    }
    this.cache.set(projectId, { value, until: t + this.ttlMs });
    return value;
  }

  forget(projectId?: string): void {
    if (projectId === undefined) this.cache.clear();
    else this.cache.delete(projectId);
  }
}
