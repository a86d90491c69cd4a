import type { TacitEvent } from '@tacit/core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSimulatorConfig, type SimulatorConfig, type SimulatorOptions } from './config.ts';
import { AA_MODELS, DEFAULT_MODELS } from './defaults.ts';
import { JsonlWriter, writeSimulation, type SimProgress } from './jsonl.ts';
import { sendEvents, SendError } from './send.ts';
import { simulate, type SimSummary } from './simulate.ts';

/** Where the command writes; tests pass their own. */
export interface CommandIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

const USAGE = `usage: tacit simulate [options]

Simulates an AI product's users and writes events.jsonl and truth.jsonl (the hidden ground truth)
to --out, or sends the events to a Tacit server with --endpoint.

  --seed N                  random seed (default 1); same seed and options → identical output
  --sessions N              number of sessions (default 1000)
  --events N                about N events instead of a number of sessions
  --days N                  span of the traffic in days (default 30)
  --start ISO               first session start (default 2026-05-01T00:00:00.000Z)
  --product TYPE            chat | code | writing | support | mixed (default mixed)
  --config FILE             JSON file with any behaviour parameters (see the simulator README)
  --degrade VERSION@ISO     the model version's quality drops from that time on (repeatable)
  --degrade-by X            how much quality it loses, 0..1 (default 0.15)
  --aa                      two identical model versions (large-a, large-b): an A/A split
  --out DIR                 output folder (default ./tacit-sim)
  --endpoint URL            send the events to this Tacit server instead of writing events.jsonl
  --key KEY                 API key for --endpoint (default: $TACIT_KEY)
  --batch-size N            events per request (default 100)
  --concurrency N           requests in flight (default 4)
  --quiet                   no progress on stderr
`;

const OPTIONS = {
  seed: { type: 'string' },
  sessions: { type: 'string' },
  events: { type: 'string' },
  days: { type: 'string' },
  start: { type: 'string' },
  product: { type: 'string' },
  config: { type: 'string' },
  degrade: { type: 'string', multiple: true },
  'degrade-by': { type: 'string' },
  aa: { type: 'boolean' },
  out: { type: 'string' },
  endpoint: { type: 'string' },
  key: { type: 'string' },
  'batch-size': { type: 'string' },
  concurrency: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${flag}: expected a number, got "${value}"`);
  return n;
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: false }>>['values'];

/** The simulator options from a config file and the flags (flags win). */
async function optionsFrom(values: Values): Promise<SimulatorOptions> {
  let options: Record<string, unknown> = {};
  if (values.config !== undefined) {
    let text: string;
    try {
      text = await readFile(values.config, 'utf8');
    } catch (e) {
      throw new UsageError(`--config: cannot read ${values.config} (${(e as Error).message})`);
    }
    try {
      options = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`--config: ${values.config} is not JSON (${(e as Error).message})`);
    }
    if (options === null || typeof options !== 'object' || Array.isArray(options))
      throw new UsageError(`--config: ${values.config} must hold a JSON object`);
  }
  const set = (key: string, value: unknown) => {
    if (value !== undefined) options[key] = value;
  };
  set('seed', number('seed', values.seed));
  if (values.sessions !== undefined || values.events !== undefined) {
    delete options.sessions;
    delete options.events;
  }
  set('sessions', number('sessions', values.sessions));
  set('events', number('events', values.events));
  set('days', number('days', values.days));
  set('start', values.start);
  set('product', values.product);
  if (values.aa === true) options.models = AA_MODELS;
  const drop = number('degrade-by', values['degrade-by']);
  for (const spec of values.degrade ?? []) {
    const at = spec.indexOf('@');
    if (at <= 0) throw new UsageError(`--degrade: expected VERSION@ISO-TIME, got "${spec}"`);
    const version = spec.slice(0, at);
    const from = spec.slice(at + 1);
    const models = (Array.isArray(options.models) ? options.models : DEFAULT_MODELS) as {
      version?: unknown;
      degrade?: unknown;
    }[];
    if (!models.some((m) => m.version === version)) {
      throw new UsageError(
        `--degrade: no model version "${version}" (versions: ${models.map((m) => String(m.version)).join(', ')})`,
      );
    }
    options.models = models.map((m) =>
      m.version === version ? { ...m, degrade: { from, ...(drop !== undefined ? { drop } : {}) } } : m,
    );
  }
  return options;
}

function progressLine(io: CommandIO, quiet: boolean) {
  let last = 0;
  const started = Date.now();
  return {
    update(p: SimProgress | { sent: number }, force = false) {
      if (quiet) return;
      const now = Date.now();
      if (!force && now - last < 1000) return;
      last = now;
      const n = 'sent' in p ? p.sent : p.events;
      const rate = Math.round(n / Math.max(0.001, (now - started) / 1000));
      const text = `${'sent' in p ? 'sent' : 'simulated'} ${n.toLocaleString('en-US')} events (${rate.toLocaleString('en-US')}/s)`;
      io.stderr.write(io.stderr.isTTY === true ? `\r${text}   ` : `${text}\n`);
    },
    done() {
      if (!quiet && io.stderr.isTTY === true) io.stderr.write('\n');
    },
  };
}

async function send(
  cfg: SimulatorConfig,
  values: Values,
  io: CommandIO,
  out: string,
): Promise<SimSummary & { accepted: number; duplicate: number; invalid: number }> {
  const key = values.key ?? io.env.TACIT_KEY;
  if (key === undefined || key === '') throw new UsageError('--endpoint needs --key KEY (or $TACIT_KEY)');
  const truth = new JsonlWriter(join(out, 'truth.jsonl'));
  const progress = progressLine(io, values.quiet === true);
  let summary: SimSummary | undefined;
  async function* events(): AsyncGenerator<TacitEvent> {
    const it = simulate(cfg);
    for (;;) {
      const r = it.next();
      if (r.done === true) {
        summary = r.value;
        return;
      }
      if (r.value.kind === 'event') yield r.value.event;
      else {
        truth.write(r.value);
        if (truth.pending) await truth.flush();
      }
    }
  }
  try {
    const sent = await sendEvents(
      {
        endpoint: values.endpoint as string,
        key,
        batchSize: number('batch-size', values['batch-size']) ?? 100,
        concurrency: number('concurrency', values.concurrency) ?? 4,
        onProgress: (p) => progress.update(p),
      },
      events(),
    );
    progress.done();
    return {
      ...(summary as SimSummary),
      accepted: sent.accepted,
      duplicate: sent.duplicate,
      invalid: sent.invalid,
    };
  } finally {
    await truth.close();
  }
}

/**
 * `tacit simulate`: simulates traffic and writes it (events.jsonl, truth.jsonl, config.json) or
 * sends it to a server. Returns the exit code: 0 done, 1 failed, 2 bad usage.
 *
 * @example
 * process.exitCode = await runSimulateCommand(['--seed', '7', '--events', '100000', '--out', 'sim']);
 */
export async function runSimulateCommand(
  argv: string[],
  io: CommandIO = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  let values: Values;
  try {
    values = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    const parsed = parseSimulatorConfig(await optionsFrom(values));
    if (!parsed.ok) {
      io.stderr.write(
        `invalid simulator options:\n${parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}\n`,
      );
      return 2;
    }
    const cfg = parsed.value;
    const out = values.out ?? 'tacit-sim';
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'config.json'), `${JSON.stringify(cfg, null, 2)}\n`);
    if (values.endpoint !== undefined) {
      const s = await send(cfg, values, io, out);
      io.stdout.write(
        `sent ${s.events.toLocaleString('en-US')} events of ${s.sessions.toLocaleString('en-US')} sessions to ${values.endpoint}: ` +
          `${s.accepted} accepted, ${s.duplicate} duplicate, ${s.invalid} invalid; truth in ${join(out, 'truth.jsonl')}\n`,
      );
      return s.invalid > 0 ? 1 : 0;
    }
    const progress = progressLine(io, values.quiet === true);
    const s = await writeSimulation(
      cfg,
      { events: join(out, 'events.jsonl'), truth: join(out, 'truth.jsonl') },
      (p) => progress.update(p),
    );
    progress.done();
    io.stdout.write(
      `simulated ${s.events.toLocaleString('en-US')} events (${s.sessions.toLocaleString('en-US')} sessions, ` +
        `${s.generations.toLocaleString('en-US')} generations, ${s.users.toLocaleString('en-US')} users) → ` +
        `${join(out, 'events.jsonl')}; truth → ${join(out, 'truth.jsonl')}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    io.stderr.write(
      `tacit simulate: ${e instanceof SendError || e instanceof Error ? e.message : String(e)}\n`,
    );
    return 1;
  }
}
