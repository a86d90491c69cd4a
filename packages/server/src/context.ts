import type { Store } from '@tacit/store';
import type { KeyVerifier } from './auth.ts';
import type { ServerConfig } from './config.ts';

/** What route handlers share. */
export interface AppContext {
  store: Store;
  config: ServerConfig;
  keys: KeyVerifier;
  /** Called after events were stored (the labeling loop wakes up on it). */
  onIngested?: (projectId: string, accepted: number) => void;
}
