import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { simulate } from '@tacit/simulator';
import type { Task } from '../runner.ts';

/**
 * Streams N simulated events (default 10M) through JSON serialisation to a null sink, or to a
 * file with `--out FILE`, and reports throughput and peak memory. Memory must stay flat: the
 * simulator only holds sessions whose events are not yet delivered.
 */
export const task: Task = {
  describe: 'simulator throughput and memory: --events N (default 10M) [--out FILE] [--seed N] [--raw]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        events: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        /** Measure generation alone, without serialising the events. */
        raw: { type: 'boolean' },
      },
    });
    const target = Number(values.events ?? 10_000_000);
    const file = values.out !== undefined ? createWriteStream(values.out) : undefined;
    const started = performance.now();
    let events = 0;
    let sessions = 0;
    let bytes = 0;
    let chunk = '';
    for (const r of simulate({ events: target, seed: Number(values.seed ?? 1) })) {
      if (r.kind === 'session') sessions++;
      if (r.kind !== 'event') continue;
      events++;
      if (events % 1_000_000 === 0) {
        const s = (performance.now() - started) / 1000;
        io.log(
          `${events.toLocaleString('en-US')} events, ${Math.round(events / s).toLocaleString('en-US')}/s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
        );
      }
      if (values.raw === true) continue;
      const line = `${JSON.stringify(r.event)}\n`;
      bytes += line.length;
      if (file !== undefined) {
        chunk += line;
        if (chunk.length > 1 << 20) {
          if (!file.write(chunk)) await once(file, 'drain');
          chunk = '';
        }
      }
    }
    if (file !== undefined) {
      file.end(chunk);
      await once(file, 'finish');
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      events,
      eps: Math.round(events / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      sessions,
      seconds: Math.round(seconds * 10) / 10,
      mb_serialised: Math.round(bytes / 2 ** 20),
    };
  },
};
