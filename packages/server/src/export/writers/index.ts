import type { Writable } from 'node:stream';
import type { Column } from '@tacit/core/datasets';
import { csvWriter } from './csv.ts';
import { jsonlWriter } from './jsonl.ts';
import { parquetWriter } from './parquet.ts';
import type { RowWriter } from './writer.ts';

export const FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type Format = (typeof FORMATS)[number];

/** The writer of a format over a sink. */
export function writerFor(format: Format, sink: Writable, columns: readonly Column[]): RowWriter {
  switch (format) {
    case 'jsonl':
      return jsonlWriter(sink);
    case 'csv':
      return csvWriter(sink, columns);
    case 'parquet':
      return parquetWriter(sink, columns);
  }
}

export const CONTENT_TYPES: Record<Format, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

export { nullWriter, type RowWriter } from './writer.ts';
