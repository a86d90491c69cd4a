// A child process of `npm run eval -- drift`: runs the pairs it is sent and reports each result.
import { driftRun, type DriftRunOptions, type DriftRunResult, type LabelMemo } from './drift-run.ts';

export interface PairRequest {
  seeds: number[];
  options: Omit<DriftRunOptions, 'seed' | 'degrade' | 'memo'>;
}

export interface PairResult {
  aa: DriftRunResult;
  degraded: DriftRunResult;
  cpuMs: number;
}

/** The A/A run and the degraded run of one seed; they share the labels of their common sessions. */
export function runPair(seed: number, options: PairRequest['options']): PairResult {
  const start = process.cpuUsage();
  const memo = new Map() as LabelMemo;
  const aa = driftRun({ ...options, seed, degrade: false, memo });
  const degraded = driftRun({ ...options, seed, degrade: true, memo });
  const cpu = process.cpuUsage(start);
  return { aa, degraded, cpuMs: (cpu.user + cpu.system) / 1000 };
}

if (process.send !== undefined) {
  // The eval stopped (Ctrl-C, an error): stop too.
  process.once('disconnect', () => process.exit(1));
  process.once('message', (req: PairRequest) => {
    void (async () => {
      for (const seed of req.seeds) {
        process.send!({ pair: runPair(seed, req.options) });
        await new Promise((resolve) => setImmediate(resolve)); // lets a disconnect through
      }
      process.send!({ done: true }, () => process.exit(0));
    })();
  });
}
