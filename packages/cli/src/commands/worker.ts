import { AlertScheduler } from '@tacit/server';
import { LabelWorker } from '@tacit/worker';
import type { Output } from '../output.ts';
import { openTargetStore, type ResolvedTarget } from '../target.ts';
import { loadContext } from '../context.ts';

export interface WorkerCommandOptions {
  batch: number;
  project?: string;
  /** Default context for projects without one: a built-in name or a file. */
  context?: string;
  exitWhenIdle?: boolean;
  verbose?: boolean;
  /** Evaluate alert rules in this process too (default true; `--no-alerts`). */
  alerts?: boolean;
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
  // Schedulers in several processes share the work: each project is evaluated by one at a time.
  const alerts =
    o.alerts === false
      ? undefined
      : new AlertScheduler({
          store,
          onError: (err, projectId) =>
            out.stderr(`alerts: ${projectId ? `${projectId}: ` : ''}${String(err)}`),
          onEvaluated: (r) => {
            if (o.verbose && r.events.length > 0)
              out.stdout(JSON.stringify({ alerts: r.projectId, events: r.events.map((e) => e.id) }));
          },
        });
  const worker = new LabelWorker({
    store,
    batch: o.batch,
    ...(o.project !== undefined ? { projectId: o.project } : {}),
    ...(o.context !== undefined ? { defaultContext: loadContext(o.context) } : {}),
    onLabeled: (claim, r) => {
      alerts?.nudge(claim.projectId);
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
      const evaluated = alerts ? await alerts.runOnce() : [];
      const events = evaluated.reduce((k, r) => k + r.events.length, 0);
      out.stderr(
        `labeled ${n} sessions${alerts ? `, evaluated alert rules of ${evaluated.length} projects (${events} alert events)` : ''}; nothing left to do`,
      );
      return 0;
    }
    worker.start();
    alerts?.start();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await worker.stop();
    await alerts?.stop();
    return 0;
  } finally {
    await store.close();
  }
}
