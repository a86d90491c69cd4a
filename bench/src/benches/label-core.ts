import { builtinContext } from '@tacit/core/context';
import { labelSession } from '@tacit/core/labels';
import type { SessionEventInput } from '@tacit/core/sessionize';
import type { Task } from '../runner.ts';

/** A small deterministic PRNG (mulberry32), so every run labels the same sessions. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON =
  'the a to of and in is it you that for on with this be are as can your or at by not from have will if an more'.split(
    ' ',
  );
const SYLLABLES = 'ka ri to me lo su na pe vi da ro mi te ba no le fa gi'.split(' ');

/** 3000 pseudo-words after the common ones, drawn Zipf-like: texts share function words, not content. */
function vocabulary(rnd: () => number): string[] {
  const words = [...COMMON];
  while (words.length < 3000) {
    const n = 2 + Math.floor(rnd() * 3);
    words.push(Array.from({ length: n }, () => SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]).join(''));
  }
  return words;
}

/**
 * Synthetic sessions shaped like a chat product's: 1–4 user turns, each answered (sometimes
 * regenerated), then copies, views, accepts, edits (a few words changed), undos, thumbs, and a
 * session end. Only for measuring the labeller's speed; the simulator measures its quality.
 */
export function* sessions(count: number, seed: number): Generator<SessionEventInput[]> {
  const rnd = prng(seed);
  const vocab = vocabulary(rnd);
  // Log-uniform rank: a Zipf-like law, as in real text.
  const word = () => vocab[Math.floor(Math.exp(rnd() * Math.log(vocab.length))) - 1] as string;
  const sentence = (n: number) =>
    Array.from({ length: n }, (_, i) => (i % 12 === 11 ? `${word()}.` : word())).join(' ');
  const t0 = Date.parse('2026-11-23T12:00:00.000Z');
  for (let s = 0; s < count; s++) {
    const sessionId = `s${seed}-${s}`;
    const events: SessionEventInput[] = [];
    let t = t0 + s * 1000;
    let n = 0;
    const add = (e: Record<string, unknown>) => {
      t += 1000 + Math.floor(rnd() * 20_000);
      events.push({
        id: `${sessionId}-${n++}`,
        ts: new Date(t).toISOString(),
        sessionId,
        receivedAt: t + 50,
        ...e,
      } as SessionEventInput);
    };
    let topic = sentence(8);
    const turns = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < turns; k++) {
      const r = rnd();
      const text =
        r < 0.2 ? `${topic} ${word()}` : r < 0.35 ? `now make it ${word()}` : (topic = sentence(8));
      add({ type: 'message', properties: { text } });
      const messageId = events[events.length - 1]?.id;
      const output = sentence(60 + Math.floor(rnd() * 60));
      let gen = `${sessionId}-g${k}`;
      let shown = output;
      add({
        type: 'generation',
        generationId: gen,
        properties: { prompt: text, output, model: 'm', messageId },
      });
      if (rnd() < 0.15) {
        const next = `${gen}r`;
        add({ type: 'regenerate', generationId: gen, properties: { newGenerationId: next } });
        shown = sentence(80);
        add({
          type: 'generation',
          generationId: next,
          properties: { prompt: text, output: shown, model: 'm', parentId: gen, messageId },
        });
        gen = next;
      }
      add({
        type: 'view',
        generationId: gen,
        properties: { visibleMs: Math.floor(rnd() * 60_000), readDepth: rnd() },
      });
      const a = rnd();
      if (a < 0.3) add({ type: 'copy', generationId: gen, properties: { chars: 200, fraction: rnd() } });
      else if (a < 0.5) {
        add({ type: 'accept', generationId: gen, properties: {} });
        if (rnd() < 0.2) add({ type: 'undo', generationId: gen, properties: {} });
      } else if (a < 0.7) {
        // Mostly a few words changed; sometimes whole sentences rewritten (as writers do).
        const ws = shown.split(' ');
        if (rnd() < 0.1) {
          for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
            const from = 12 * Math.floor((rnd() * ws.length) / 12);
            ws.splice(from, 12, ...sentence(12).split(' '));
          }
        } else {
          for (let k = 0; k < 1 + Math.floor(rnd() * 12); k++) {
            const at = Math.floor(rnd() * ws.length);
            ws[at] = (ws[at] ?? '').endsWith('.') ? `${word()}.` : word();
          }
        }
        add({ type: 'edit', generationId: gen, properties: { text: ws.join(' ') } });
      }
      if (rnd() < 0.05)
        add({ type: 'feedback', generationId: gen, properties: { thumb: rnd() < 0.5 ? 'up' : 'down' } });
    }
    if (rnd() < 0.7) add({ type: 'session_end', properties: {} });
    yield events;
  }
}

export const task: Task = {
  describe: 'labelSession speed on synthetic chat sessions: {events, eps, peak_rss_mb}',
  run(args, io) {
    const i = args.indexOf('--events');
    const target = i >= 0 ? Number(args[i + 1]) : 200_000;
    const context = builtinContext('chat');
    const now = Date.parse('2027-01-01T00:00:00.000Z');
    let events = 0;
    let sessionsDone = 0;
    let labels = 0;
    let busy = 0;
    const cpu0 = process.cpuUsage();
    let peak = process.memoryUsage().rss;
    // Sessions are made in chunks and dropped once labelled: memory follows open sessions only.
    for (const batch of sessions(Number.MAX_SAFE_INTEGER, 7)) {
      const start = performance.now();
      const r = labelSession(batch, context, { now });
      busy += performance.now() - start;
      events += batch.length;
      labels += r.labels.length;
      if (++sessionsDone % 5000 === 0) {
        peak = Math.max(peak, process.memoryUsage().rss);
        io.log(`${events} events, ${Math.round(events / (busy / 1000))} events/s`);
      }
      if (events >= target) break;
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const eps = Math.round(events / (busy / 1000));
    // CPU time of this process (includes making the sessions): robust to other load on the machine.
    const cpu = process.cpuUsage(cpu0);
    const epsCpu = Math.round(events / ((cpu.user + cpu.system) / 1e6));
    return Promise.resolve({
      events,
      eps,
      peak_rss_mb: Math.round(peak / 2 ** 20),
      sessions: sessionsDone,
      labels,
      eps_cpu_incl_generation: epsCpu,
    });
  },
};
