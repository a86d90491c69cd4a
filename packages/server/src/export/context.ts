import { builtinContext, resolveContext, type ProductContext } from '@tacit/core/context';
import type { Store } from '@tacit/store';

/** The product context an export labels under: the project's active one, else the built-in `chat`. */
export async function exportContext(store: Store, projectId: string): Promise<ProductContext> {
  const stored = await store.contexts.active(projectId);
  if (stored === undefined) return builtinContext('chat');
  const r = resolveContext(stored.body);
  if (!r.ok)
    throw new Error(
      `the active product context ${stored.version} is invalid: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    );
  return r.value;
}
