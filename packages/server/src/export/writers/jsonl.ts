import type { Writable } from 'node:stream';
import type { RowWriter } from './writer.ts';
import { textWriter } from './sink.ts';

/** JSON Lines: one row per line, nested values as JSON, key order as the row has it. */
export function jsonlWriter(sink: Writable): RowWriter {
  return textWriter(sink, '', (row) => `${JSON.stringify(row)}\n`);
}
