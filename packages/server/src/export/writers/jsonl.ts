import type { Writable } from 'node:stream';
import type { Row } from '@tacit/core/datasets';
import { end, put } from './sink.ts';
import type { RowWriter } from './writer.ts';

const CHUNK = 256 * 1024;

/** JSON Lines: one row per line, nested values as JSON, key order as the row has it. */
export function jsonlWriter(sink: Writable): RowWriter {
  let buf = '';
  return {
    async write(row: Row) {
      buf += `${JSON.stringify(row)}\n`;
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
