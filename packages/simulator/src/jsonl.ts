import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { SimulatorOptions } from './config.ts';
import { simulate, type SimSummary } from './simulate.ts';

const CHUNK = 1 << 18;

/** Writes JSON lines to a file in large chunks, waiting when the disk falls behind. */
export class JsonlWriter {
  private readonly stream: WriteStream;
  private buffer = '';

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  /** Appends one line; call `flush` now and then (it only writes when the buffer is large). */
  write(value: unknown): void {
    this.buffer += `${JSON.stringify(value)}\n`;
  }

  get pending(): boolean {
    return this.buffer.length >= CHUNK;
  }

  async flush(force = false): Promise<void> {
    if (!force && this.buffer.length < CHUNK) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** Where `writeSimulation` writes. */
export interface SimulationFiles {
  /** Events, one JSON object per line, in delivery order. */
  events: string;
  /** Truth records (`GenerationTruth`, `MessageTruth`, `SessionTruth`), one per line. */
  truth: string;
}

/** Progress of a simulation being written or sent. */
export interface SimProgress {
  events: number;
  sessions: number;
}

/**
 * Simulates and writes the events and the truth as two JSONL files, streaming (memory does not
 * grow with the number of events).
 *
 * @example
 * const summary = await writeSimulation({ seed: 1, events: 1_000_000 }, { events: 'out/events.jsonl', truth: 'out/truth.jsonl' });
 */
export async function writeSimulation(
  options: SimulatorOptions,
  files: SimulationFiles,
  onProgress?: (p: SimProgress) => void,
): Promise<SimSummary> {
  const events = new JsonlWriter(files.events);
  const truth = new JsonlWriter(files.truth);
  const progress: SimProgress = { events: 0, sessions: 0 };
  const it = simulate(options);
  try {
    for (;;) {
      const r = it.next();
      if (r.done === true) {
        onProgress?.(progress);
        return r.value;
      }
      const record = r.value;
      if (record.kind === 'event') {
        events.write(record.event);
        progress.events++;
        if (events.pending) {
          await events.flush();
          onProgress?.(progress);
        }
      } else {
        if (record.kind === 'session') progress.sessions++;
        truth.write(record);
        if (truth.pending) await truth.flush();
      }
    }
  } finally {
    await Promise.all([events.close(), truth.close()]);
  }
}
