import { builtinContext, isBuiltinContextName, parseContext, type ProductContext } from '@tacit/core';
import { readFileSync } from 'node:fs';
import { LabelWorker } from '@tacit/worker';
import type { Output } from '../output.ts';
import { openTargetStore, type ResolvedTarget } from '../target.ts';

export interface WorkerCommandOptions {
  batch: number;
  project?: string;
  /** Default context for projects without one: a built-in name or a file. */
  context?: string;
  exitWhenIdle?: boolean;
  verbose?: boolean;
}

export function loadContext(spec: string): ProductContext {
  if (isBuiltinContextName(spec)) return builtinContext(spec);
  const r = parseContext(readFileSync(spec, 'utf8'));
  if (!r.ok) throw new Error(`${spec}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.value;
}

/**
 * `tacit worker`: a labeling loop in its own process, for running several beside the servers on
 * one PostgreSQL (or, with the server stopped, on the embedded database).
 */
export async function workerCommand(
  t: ResolvedTarget,
  o: WorkerCommandOptions,
  out: Output,
): Promise<number> {
  const store = await openTargetStore(t);
  const worker = new LabelWorker({
    store,
    batch: o.batch,
    ...(o.project !== undefined ? { projectId: o.project } : {}),
    ...(o.context !== undefined ? { defaultContext: loadContext(o.context) } : {}),
    onLabeled: (claim, r) => {
      if (o.verbose)
        out.stdout(JSON.stringify({ labeled: claim, labels: r.labels.length, signals: r.signals.length }));
    },
    onLost: (claim) => {
      if (o.verbose) out.stdout(JSON.stringify({ lost: claim }));
    },
    onError: (err, claim) =>
      out.stderr(`worker: ${claim ? `session ${claim.sessionId}: ` : ''}${String(err)}`),
  });
  out.stderr(`labeling worker ${worker.id} on ${t.databaseUrl ? 'PostgreSQL' : t.dataDir}`);
  try {
    if (o.exitWhenIdle) {
      const n = await worker.drain();
      out.stderr(`labeled ${n} sessions; nothing left to do`);
      return 0;
    }
    worker.start();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await worker.stop();
    return 0;
  } finally {
    await store.close();
  }
}
