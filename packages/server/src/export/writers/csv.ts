import type { Writable } from 'node:stream';
import { flatRow, type Column } from '@tacit/core/datasets';
import { stringify } from 'csv-stringify/sync';
import { textWriter } from './sink.ts';
import type { RowWriter } from './writer.ts';

/**
 * CSV (RFC 4180, via csv-stringify): a header of the kind's columns, one row per line, nested
 * values (chat messages, slices, provenance) as JSON text, missing values empty.
 */
export function csvWriter(sink: Writable, columns: readonly Column[]): RowWriter {
  return textWriter(sink, stringify([columns.map((c) => c.name)]), (row) =>
    stringify([flatRow(row, columns)], { cast: { boolean: (b) => (b ? 'true' : 'false') } }),
  );
}
