import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  embedMessages,
  labelSession,
  type EmbeddingProvider,
  type ProductContext,
  type SessionLabels,
} from '@tacit/core';
import type { Claim, SessionWrite, Store, StoredEvent } from '@tacit/store';
import { ContextCache, type ResolvedContext } from './contexts.ts';

export interface WorkerOptions {
  store: Store;
  /** Unique per worker; default host:pid:random. */
  id?: string;
  /** Sessions claimed at a time. */
  batch?: number;
  /** How long a claim is held before another worker may take it over (a crashed worker). */
  leaseMs?: number;
  /** A session is labeled once no new batch has arrived for it for this long. */
  settleMs?: number;
  /** Idle poll interval; `wake()` (on ingestion) cuts it short. */
  pollMs?: number;
  /** The context of projects without an active one (default: built-in `chat`). */
  defaultContext?: ProductContext;
  /** Embeddings for rephrase detection (OpenAI-compatible provider); lexical when absent or failing. */
  embeddings?: EmbeddingProvider;
  /** Only this project's sessions. */
  projectId?: string;
  now?: () => number;
  /** Called after a session was labeled and written. */
  onLabeled?: (claim: Claim, result: SessionLabels) => void;
  /** Called when the claim was lost before writing (its lease expired and another worker took it). */
  onLost?: (claim: Claim) => void;
  /** Called when a session could not be labeled (it is retried later) or the loop hit an error. */
  onError?: (error: unknown, claim?: Claim) => void;
}

/**
 * The incremental labeling loop. It claims dirty sessions (new events, or an open session due to
 * close), recomputes each from all its events under the project's product context, and replaces
 * its signals, labels and outcome. Pure recomputation makes it idempotent; claims with leases
 * make any number of workers (threads, processes, machines on one PostgreSQL) safe together: a
 * session is processed by one worker at a time, and events that arrive during processing leave
 * it dirty, so no update is lost.
 *
 * @example
 * const worker = new LabelWorker({ store });
 * worker.start();                 // and worker.wake() after each ingested batch
 * await worker.stop();
 */
export class LabelWorker {
  readonly id: string;
  private readonly contexts: ContextCache;
  private running = false;
  private loop: Promise<void> | undefined;
  private endIdle: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly o: Required<Pick<WorkerOptions, 'batch' | 'leaseMs' | 'settleMs' | 'pollMs' | 'now'>> &
    WorkerOptions;

  constructor(options: WorkerOptions) {
    this.o = { batch: 50, leaseMs: 60_000, settleMs: 1000, pollMs: 1000, now: Date.now, ...options };
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.contexts = new ContextCache(options.store, options.defaultContext);
  }

  /** Claims and labels one batch of dirty sessions; returns how many were labeled. */
  async runOnce(settleMs = this.o.settleMs): Promise<number> {
    const claims = await this.o.store.labels.claim(
      this.id,
      this.o.batch,
      this.o.leaseMs,
      settleMs,
      this.o.projectId,
    );
    return this.process(claims);
  }

  /** Labels until no session is claimable (for backfills and tests); returns how many. */
  async drain(options: { settleMs?: number; onProgress?: (labeled: number) => void } = {}): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce(options.settleMs ?? 0);
      total += n;
      options.onProgress?.(total);
      // Nothing labeled this round: nothing is dirty, or what is dirty is claimed elsewhere or failing.
      if (n === 0) return total;
    }
  }

  /** Forget cached contexts (after activating a new one). */
  contextChanged(projectId?: string): void {
    this.contexts.forget(projectId);
  }

  /**
   * Labels a batch of claims: their events read per project in one query, each session labeled,
   * everything written in one transaction. A session that fails is released for a later retry;
   * the others are written.
   */
  private async process(claims: readonly Claim[]): Promise<number> {
    if (claims.length === 0) return 0;
    const { store } = this.o;
    const byProject = new Map<string, Claim[]>();
    for (const c of claims) {
      const list = byProject.get(c.projectId);
      if (list) list.push(c);
      else byProject.set(c.projectId, [c]);
    }
    const writes: SessionWrite[] = [];
    const results = new Map<Claim, SessionLabels>();
    const failed: Claim[] = [];
    for (const [projectId, group] of byProject) {
      let events: Map<string, StoredEvent[]>;
      let context: ResolvedContext;
      try {
        [events, context] = await Promise.all([
          store.events.forSessions(
            projectId,
            group.map((c) => c.sessionId),
          ),
          this.contexts.get(projectId),
        ]);
      } catch (err) {
        this.o.onError?.(err);
        failed.push(...group);
        continue;
      }
      for (const claim of group) {
        try {
          const sessionEvents = events.get(claim.sessionId) ?? [];
          let embeddings;
          if (this.o.embeddings) {
            try {
              embeddings = await embedMessages(sessionEvents, this.o.embeddings);
            } catch (err) {
              this.o.onError?.(err, claim);
            }
          }
          const result = labelSession(sessionEvents, context.context, {
            now: this.o.now(),
            ...(embeddings ? { embeddings } : {}),
          });
          results.set(claim, result);
          writes.push({
            claim,
            result: { ...result, contextHash: context.hash },
            recheckAt: result.session.closed ? null : new Date(result.session.closesAt),
          });
        } catch (err) {
          this.o.onError?.(err, claim);
          failed.push(claim);
        }
      }
    }
    let written = new Set<string>();
    let writeFailed = false;
    try {
      written = await store.labels.replaceSessions(this.id, writes);
    } catch (err) {
      this.o.onError?.(err);
      writeFailed = true;
      failed.push(...writes.map((w) => w.claim));
    }
    for (const claim of failed) await store.labels.release(this.id, claim, 5000).catch(() => {});
    let done = 0;
    for (const w of writes) {
      if (written.has(`${w.claim.projectId}\u0000${w.claim.sessionId}`)) {
        done++;
        this.o.onLabeled?.(w.claim, results.get(w.claim) as SessionLabels);
      } else if (!writeFailed) this.o.onLost?.(w.claim); // written by no one: another worker took it
    }
    return done;
  }

  /** Runs the loop in the background until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let n = 0;
        try {
          n = await this.runOnce();
        } catch (err) {
          this.o.onError?.(err);
        }
        if (n === 0 && this.running) await this.idle();
      }
    })();
  }

  /** Cuts the idle wait short: new events arrived (labeled once they settle). */
  wake(): void {
    if (this.endIdle === undefined) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.endIdle, this.o.settleMs);
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.endIdle = () => {
        clearTimeout(this.timer);
        this.endIdle = undefined;
        resolve();
      };
      this.timer = setTimeout(this.endIdle, this.o.pollMs);
    });
  }

  /** Finishes the session in hand and stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.endIdle?.();
    const pending = this.loop;
    this.loop = undefined;
    await pending;
  }
}
