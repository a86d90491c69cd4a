import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ProductContext } from './schema.ts';

/**
 * JSON with object keys sorted at every level, so that two equal values print the same whatever
 * the order their keys were written in. `undefined` members are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

const cache = new WeakMap<ProductContext, string>();

/**
 * The content hash of a product context: sha256 of its canonical JSON, in hex. Recorded on every
 * label, so a label says exactly which meaning of the behaviours produced it. Two contexts that
 * differ only in key order hash the same.
 */
export function contextHash(context: ProductContext): string {
  let h = cache.get(context);
  if (h === undefined) {
    h = bytesToHex(sha256(utf8ToBytes(canonicalJson(context))));
    cache.set(context, h);
  }
  return h;
}
