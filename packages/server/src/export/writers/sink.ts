import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Row } from '@tacit/core/datasets';
import type { RowWriter } from './writer.ts';

/** Writes to a Node stream, waiting when it asks to (backpressure), so memory stays flat. */
export async function put(sink: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!sink.write(chunk)) await once(sink, 'drain');
}

/** Ends a stream and waits until everything is flushed (a file) or handed on (a response). */
export async function end(sink: Writable): Promise<void> {
  if (sink.writableFinished) return;
  const done = once(sink, 'finish');
  sink.end();
  await done;
}

const CHUNK = 256 * 1024;

/**
 * A writer of text formats: `head`, then one `line(row)` per row, sent in chunks of about 256 KB
 * (one write per row would be slow; one per file would hold the file in memory).
 */
export function textWriter(sink: Writable, head: string, line: (row: Row) => string): RowWriter {
  let buf = head;
  return {
    async write(row: Row) {
      buf += line(row);
      if (buf.length >= CHUNK) {
        const chunk = buf;
        buf = '';
        await put(sink, chunk);
      }
    },
    async close() {
      if (buf.length > 0) await put(sink, buf);
      buf = '';
      await end(sink);
    },
  };
}
