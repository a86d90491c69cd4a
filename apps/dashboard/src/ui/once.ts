/** A promise computed on first use and kept; after a failure, the next call tries again. */
export function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () =>
    (p ??= f().catch((err: unknown) => {
      p = undefined;
      throw err;
    }));
}
