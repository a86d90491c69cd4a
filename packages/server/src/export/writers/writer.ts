import type { Row } from '@tacit/core/datasets';

/**
 * One split of an export being written (like OpenTelemetry's `SpanExporter`: write, then close).
 * Rows are written in order; `close` flushes and ends the sink.
 */
export interface RowWriter {
  write(row: Row): Promise<void>;
  close(): Promise<void>;
}

/** A writer that keeps nothing: the splits an HTTP request did not ask for. */
export const nullWriter: RowWriter = {
  write: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
