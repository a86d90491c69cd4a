import type { ProductContext } from '@tacit/core';
import type { Store } from '@tacit/store';
import type { AlertScheduler } from './alerts/scheduler.ts';
import type { KeyVerifier } from './auth.ts';
import type { ServerConfig } from './config.ts';

/** What route handlers share. */
export interface AppContext {
  store: Store;
  config: ServerConfig;
  keys: KeyVerifier;
  /** Called after events were stored. */
  onIngested?: (projectId: string, accepted: number) => void;
  /** The labeling loop running beside the server, if any. */
  labeler?: Labeler;
  /** The context of projects without one of their own. */
  defaultContext?: ProductContext;
  /** The alert scheduler running beside the server, if any: nudged when rules change. */
  alerts?: AlertScheduler;
}

/** What the server needs of a labeling loop: a nudge when there is new work. */
export interface Labeler {
  wake(): void;
  contextChanged(projectId?: string): void;
}
