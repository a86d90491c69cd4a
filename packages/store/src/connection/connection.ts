import type { Dialect } from 'kysely';

/** What differs between the backends: the Kysely dialect, and how to let go of it. */
export interface Connection {
  backend: 'pglite' | 'postgres';
  dialect: Dialect;
  /** Called after Kysely's `destroy()`: release what the dialect does not (locks, the WASM instance). */
  close(): Promise<void>;
}
