/** Rows a statement writes at once: within PostgreSQL's 65,535 parameters for the widest table. */
export const CHUNK = 500;

/** `xs` in slices of at most `size`. */
export function chunks<T>(xs: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
