import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUILTIN_CONTEXTS, type BuiltinContextName } from '@tacit/core/context';
import { DEFAULT_ALERT_CONFIG, parseAlertConfig, type AlertRule } from '@tacit/core/monitor';
import type { PairRequest, PairResult } from '../lib/drift-child.ts';
import { BAD } from '../lib/drift-run.ts';
import type { Task } from '../runner.ts';
import { errorText } from '@tacit/core';
import { median, p95, round } from '../lib/summary.ts';

function rulesFrom(file: string | undefined): AlertRule[] {
  if (file === undefined) return DEFAULT_ALERT_CONFIG.rules;
  const r = parseAlertConfig(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${errorText(r.errors)}`);
  return r.value.rules;
}

/** Runs the pairs on `jobs` child processes (labeling is CPU-bound; the machine has cores to share). */
async function runPairs(
  seeds: number[],
  options: PairRequest['options'],
  jobs: number,
  onPair: (p: PairResult) => void,
): Promise<void> {
  const child = fileURLToPath(new URL('../lib/drift-child.ts', import.meta.url));
  const shares = Array.from({ length: Math.min(jobs, seeds.length) }, (_, j) =>
    seeds.filter((_, i) => i % jobs === j),
  );
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const p = fork(child, [], {
            execArgv: process.execArgv,
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
          p.on('message', (m: { pair?: PairResult; done?: boolean }) => {
            if (m.pair) onPair(m.pair);
          });
          p.on('error', reject);
          p.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`drift child exited with code ${String(code)}`)),
          );
          p.send({ seeds: share, options } satisfies PairRequest);
        }),
    ),
  );
}

/**
 * Drift detection on the simulator through the real labeling pipeline. Each seed is a pair of
 * runs with the same users and traffic: before the change `large-a` serves everyone; at the
 * change `large-b` takes `--split` of the sessions. In the degraded run `large-b` is worse by
 * `--drop` of base quality (tuned to raise the share of sessions with retries by 5 points); in
 * the A/A run it is identical. Sessions are labeled hour by hour as the worker would, rolled up,
 * and the default alert rules are evaluated every simulated hour, as the scheduler would.
 */
export const task: Task = {
  describe:
    'drift alerts on simulated rollouts (real labeling, default rules): detection, delay, A/A false alarms [--runs N] [--per-hour S] [--jobs J]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        runs: { type: 'string', default: '100' },
        'per-hour': { type: 'string', default: '100' },
        'pre-hours': { type: 'string', default: '12' },
        'post-hours': { type: 'string', default: '48' },
        drop: { type: 'string', default: '0.048' },
        split: { type: 'string', default: '0.5' },
        product: { type: 'string', default: 'chat' },
        seed: { type: 'string', default: '1' },
        jobs: { type: 'string', default: String(Math.min(2, availableParallelism())) },
        rules: { type: 'string' },
      },
    });
    const product = values.product as BuiltinContextName;
    if (!BUILTIN_CONTEXTS.includes(product))
      throw new Error(`--product: expected one of ${BUILTIN_CONTEXTS.join(', ')}`);
    const runs = Number(values.runs);
    const pairs = Math.max(1, Math.ceil(runs / 2));
    const options: PairRequest['options'] = {
      drop: Number(values.drop),
      product,
      perHour: Number(values['per-hour']),
      split: Number(values.split),
      preHours: Number(values['pre-hours']),
      postHours: Number(values['post-hours']),
      rules: rulesFrom(values.rules),
    };
    const seeds = Array.from({ length: pairs }, (_, i) => Number(values.seed) * 1000 + i);
    const started = performance.now();
    const results: PairResult[] = [];
    io.log(
      `drift: ${pairs} seeds × (A/A, degraded), ${options.perHour} sessions/h, ${options.preHours} h before the change, ${options.postHours} h after, ${product}, drop ${options.drop}, split ${options.split}`,
    );
    await runPairs(seeds, options, Math.max(1, Number(values.jobs)), (p) => {
      results.push(p);
      if (results.length % 10 === 0 || results.length === pairs)
        io.log(`  ${results.length}/${pairs} pairs (${Math.round((performance.now() - started) / 1000)} s)`);
    });

    const degraded = results.map((r) => r.degraded);
    const aa = results.map((r) => r.aa);
    const delays = degraded.map((r) => r.detectedAfterSessions);
    const detected = delays.filter((d): d is number => d !== null);
    const tally = (xs: (string | null)[]) => {
      const out: Record<string, number> = {};
      for (const x of xs) if (x !== null) out[x] = (out[x] ?? 0) + 1;
      return out;
    };
    // The rise is measured on the same sessions: `large-b` after the change in the degraded run
    // against the same sessions in the A/A run (same seed), so only the drop differs.
    const pooled = (runs: typeof aa) => {
      const s = { sessions: 0, retrySessions: 0, generations: 0, retried: 0, labeled: 0, rejected: 0 };
      for (const r of runs) {
        const c = r.after[BAD];
        if (c) for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] += c[k];
      }
      return {
        retrySessions: s.retrySessions / s.sessions,
        retried: s.retried / s.generations,
        rejected: s.rejected / s.labeled,
      };
    };
    const before = pooled(aa);
    const afterDrop = pooled(degraded);
    const points = (x: number) => round(100 * x, 2);
    const horizon = options.perHour * options.postHours;
    const result = {
      detection_rate: round(detected.length / degraded.length),
      median_delay_sessions: median(detected),
      false_alarm_rate: round(aa.filter((r) => r.falseAlarm !== null).length / aa.length),
      p95_delay_sessions: p95(delays),
      runs: aa.length + degraded.length,
      degraded_runs: degraded.length,
      aa_runs: aa.length,
      retry_rise_points: points(afterDrop.retrySessions - before.retrySessions),
      measured_rise_points: {
        'rate:retried': points(afterDrop.retried - before.retried),
        'grade:rejected': points(afterDrop.rejected - before.rejected),
      },
      baseline_rates: {
        sessions_with_retries: round(before.retrySessions),
        'rate:retried': round(before.retried),
        'grade:rejected': round(before.rejected),
      },
      degraded_run_false_alarm_rate: round(
        degraded.filter((r) => r.falseAlarm !== null).length / degraded.length,
      ),
      detected_by: tally(degraded.map((r) => r.detectedBy)),
      false_alarms_by_rule: tally(aa.map((r) => r.falseAlarm?.ruleId ?? null)),
      product,
      drop: options.drop,
      split: options.split,
      sessions_per_hour: options.perHour,
      pre_change_sessions: options.perHour * options.preHours,
      horizon_sessions: horizon,
      rules: options.rules.map((r) => r.id),
      label_calls: results.reduce((n, r) => n + r.aa.labelCalls + r.degraded.labelCalls, 0),
      cpu_seconds: Math.round(results.reduce((n, r) => n + r.cpuMs, 0) / 1000),
      seconds: Math.round((performance.now() - started) / 1000),
    };
    io.log(
      `detection ${result.detection_rate} (median ${String(result.median_delay_sessions)} sessions after the change, p95 ${String(result.p95_delay_sessions)}), A/A false alarms ${result.false_alarm_rate}; truth retry rise ${result.retry_rise_points} points`,
    );
    return result;
  },
};
