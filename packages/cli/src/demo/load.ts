import type { TacitEvent } from '@tacit/core';
import {
  JsonlWriter,
  sendEvents,
  simulate,
  type SendProgress,
  type SimSummary,
  type SimulatorOptions,
  type SessionTruth,
  type TruthRecord,
} from '@tacit/simulator';

export interface LoadOptions {
  /** The Tacit server to send to, and a key of the project that receives the events. */
  url: string;
  key: string;
  simulation: SimulatorOptions;
  /**
   * Sessions that would start at or after this time are left out. The simulator's arrivals are a
   * Poisson process at `sessions / days`, so the last ones can fall hours past the window's end:
   * a month that ends now must not hold sessions of tomorrow.
   */
  until?: string;
  /** Where the hidden ground truth is written (one JSON record per line). */
  truthPath: string;
  /** Stops sending new batches; the ones in flight finish. */
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
  /** Events per request and requests in flight (defaults 1000 and 2: the fastest on PGlite). */
  batchSize?: number;
  concurrency?: number;
}

export interface LoadProgress extends SendProgress {
  /** Sessions the simulator has finished, sent or left out (the events of each follow). */
  sessions: number;
}

export interface LoadResult extends SendProgress {
  /** The simulator's counts (left-out sessions included); undefined when loading was stopped. */
  summary: SimSummary | undefined;
  /** Sessions sent, and their distinct events (duplicate deliveries not counted). */
  sessions: number;
  distinctEvents: number;
  seconds: number;
  /** A session with a bad answer of a regressed version, to show in the examples. */
  example: { sessionId: string; generationId: string } | undefined;
}

/**
 * Simulates traffic and sends it through the server's ingestion API (`POST /v1/events`), as an
 * application's SDKs would, streaming: only the batches in flight are held in memory.
 */
export async function loadTraffic(o: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const truth = new JsonlWriter(o.truthPath);
  const until = o.until === undefined ? Infinity : Date.parse(o.until);
  let processed = 0;
  let sessions = 0;
  let distinctEvents = 0;
  let summary: SimSummary | undefined;
  let example: LoadResult['example'];
  // A session's truth records come together, its session record last, before any of its events.
  let pending: TruthRecord[] = [];
  const leftOut = new Set<string>();
  const keep = (s: SessionTruth) => {
    processed++;
    if (Date.parse(s.start) >= until) {
      leftOut.add(s.sessionId);
      return false;
    }
    sessions++;
    distinctEvents += s.events;
    for (const r of pending) {
      if (r.kind === 'generation' && example === undefined && r.degraded && !r.good)
        example = { sessionId: r.sessionId, generationId: r.generationId };
    }
    return true;
  };
  async function* events(): AsyncGenerator<TacitEvent> {
    const it = simulate(o.simulation);
    for (;;) {
      if (o.signal?.aborted === true) return;
      const r = it.next();
      if (r.done === true) {
        summary = r.value;
        return;
      }
      const record = r.value;
      if (record.kind === 'event') {
        if (!leftOut.has(record.event.sessionId)) yield record.event;
        continue;
      }
      pending.push(record);
      if (record.kind !== 'session') continue;
      if (keep(record)) for (const t of pending) truth.write(t);
      pending = [];
      if (truth.pending) await truth.flush();
    }
  }
  try {
    const sent = await sendEvents(
      {
        endpoint: o.url,
        key: o.key,
        batchSize: o.batchSize ?? 1000,
        concurrency: o.concurrency ?? 2,
        onProgress: (p) => o.onProgress?.({ ...p, sessions: processed }),
      },
      events(),
    );
    const { invalidSamples: _, ...counts } = sent;
    if (sent.invalid > 0) {
      const first = sent.invalidSamples[0];
      throw new Error(
        `the server refused ${sent.invalid} simulated events as invalid (first: ${first?.id}: ${first?.errors.map((e) => `${e.path}: ${e.message}`).join('; ')})`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    return { ...counts, summary, sessions, distinctEvents, seconds, example };
  } finally {
    await truth.close();
  }
}
