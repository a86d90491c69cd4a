import type { Writable } from 'node:stream';
import { flatRow, type Column, type Row } from '@tacit/core/datasets';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { end, put } from './sink.ts';
import type { RowWriter } from './writer.ts';

/** Rows per row group: memory holds one group's columns. */
const ROW_GROUP = 5000;

type ParquetSink = ConstructorParameters<typeof ParquetWriter>[0]['writer'];

/** hyparquet-writer's byte writer, flushed to a Node stream after every row group. */
function streamByteWriter(sink: Writable): ParquetSink {
  const bytes = new ByteWriter(1 << 20);
  const flush = (): Promise<void> => {
    const chunk = new Uint8Array(bytes.buffer.slice(0, bytes.index));
    bytes.index = 0;
    return put(sink, chunk);
  };
  return Object.assign(bytes, { flush, finish: flush });
}

/**
 * Parquet (hyparquet-writer): one column per field of the kind (strings, doubles, booleans;
 * nested values as JSON text), snappy-compressed, written one row group at a time so a
 * million-row export never holds more than one group.
 */
export function parquetWriter(sink: Writable, columns: readonly Column[]): RowWriter {
  const writer = streamByteWriter(sink);
  const parquet = new ParquetWriter({
    writer,
    schema: [
      { name: 'root', num_children: columns.length },
      ...columns.map((c) =>
        c.type === 'STRING'
          ? {
              name: c.name,
              type: 'BYTE_ARRAY' as const,
              converted_type: 'UTF8' as const,
              repetition_type: 'OPTIONAL' as const,
            }
          : { name: c.name, type: c.type, repetition_type: 'OPTIONAL' as const },
      ),
    ],
    createdBy: 'tacit',
  });
  let group: (string | number | boolean | null)[][] = columns.map(() => []);
  let rows = 0;
  const flushGroup = async () => {
    if (rows === 0) return;
    const columnData = columns.map((c, i) => ({
      name: c.name,
      data: group[i] as (string | number | boolean | null)[],
    }));
    group = columns.map(() => []);
    rows = 0;
    await parquet.write({ columnData, rowGroupSize: ROW_GROUP });
  };
  return {
    async write(row: Row) {
      const values = flatRow(row, columns);
      for (let i = 0; i < columns.length; i++) (group[i] as unknown[]).push(values[i] ?? null);
      if (++rows >= ROW_GROUP) await flushGroup();
    },
    async close() {
      await flushGroup();
      await parquet.finish();
      await end(sink);
    },
  };
}
