import { once } from 'node:events';
import type { Writable } from 'node:stream';

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
