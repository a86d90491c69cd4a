import { builtinContext, resolveContext, type ProductContext } from '@tacit/core/context';
import type { Store } from '@tacit/store';
import { errorText } from '@tacit/core';

/** The product context an export labels under: the project's active one, else the built-in `chat`. */
export async function exportContext(store: Store, projectId: string): Promise<ProductContext> {
  const stored = await store.contexts.active(projectId);
  if (stored === undefined) return builtinContext('chat');
  const r = resolveContext(stored.body);
  if (!r.ok)
    throw new Error(`the active product context ${stored.version} is invalid: ${errorText(r.errors)}`);
  return r.value;
}
