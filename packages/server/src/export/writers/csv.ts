import type { Writable } from 'node:stream';
import { flatRow, type Column, type Row } from '@tacit/core/datasets';
import { stringify } from 'csv-stringify/sync';
import { end, put } from './sink.ts';
import type { RowWriter } from './writer.ts';

const CHUNK = 256 * 1024;

/**
 * CSV (RFC 4180, via csv-stringify): a header of the kind's columns, one row per line, nested
 * values (chat messages, slices, provenance) as JSON text, missing values empty.
 */
export function csvWriter(sink: Writable, columns: readonly Column[]): RowWriter {
  let buf = stringify([columns.map((c) => c.name)]);
  return {
    async write(row: Row) {
      buf += stringify([flatRow(row, columns)], { cast: { boolean: (b) => (b ? 'true' : 'false') } });
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
