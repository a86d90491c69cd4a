import { join } from 'node:path';
import { describeEvaluation, parseAlertConfig } from '@tacit/core/monitor';
import { Option, type Command } from 'commander';
import { createKeys, VERSION, type CreatedKeys } from '@tacit/server';
import type { Store } from '@tacit/store';
import { demoGuide } from '../demo/guide.ts';
import { loadTraffic } from '../demo/load.ts';
import {
  chooseMonth,
  finishedLoad,
  readDemoManifest,
  writeDemoManifest,
  type DemoManifest,
} from '../demo/manifest.ts';
import { DEMO_ALERT_RULES, DEMO_REGRESSION, demoMonth } from '../demo/month.ts';
import { intArg } from '../options.ts';
import type { Output } from '../output.ts';
import { progressBar } from '../progress.ts';
import { resolveTarget, type ResolvedTarget } from '../target.ts';
import { untilStopped } from '../until-stopped.ts';
import { startTacit, type Running } from './start.ts';
import { errorText } from '@tacit/core';

export const DEMO_PROJECT_ID = 'demo';

/**
 * Defaults: 10,000 sessions (about 118k events) load in 15–40 s at the 3–9k events/s measured
 * on this shared 2-core machine, which leaves room under the two-minute budget even when the
 * machine is busy and the labeling loop shares the process.
 */
export const DEMO_DEFAULTS = { seed: 1, sessions: 10_000, port: 7400 } as const;

export interface DemoOptions {
  dataDir?: string;
  /** Default 7400, or any free port when 7400 is taken. */
  port?: number;
  host: string;
  sessions?: number;
  seed?: number;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The demo project's keys: the saved ones while they are valid, else new ones. */
async function demoKeys(store: Store, saved: DemoManifest | undefined): Promise<CreatedKeys> {
  if (saved !== undefined) {
    const [pk, sk] = await Promise.all([
      store.keys.verify(saved.publicKey),
      store.keys.verify(saved.secretKey),
    ]);
    if (pk?.projectId === DEMO_PROJECT_ID && sk?.projectId === DEMO_PROJECT_ID) {
      return { projectId: DEMO_PROJECT_ID, publicKey: saved.publicKey, secretKey: saved.secretKey };
    }
  }
  return createKeys(store, { projectId: DEMO_PROJECT_ID, projectName: 'Demo', name: 'tacit demo' });
}

async function startServer(o: DemoOptions, target: ResolvedTarget, out: Output): Promise<Running> {
  // Labeling waits until the month is loaded, so that loading has the CPU to itself.
  const start = (port: number) =>
    startTacit({ port, host: o.host, target, config: { logLevel: 'warn' }, startWorker: false });
  if (o.port !== undefined) return start(o.port);
  try {
    return await start(DEMO_DEFAULTS.port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    out.stderr(`port ${DEMO_DEFAULTS.port} is in use: listening on a free port instead`);
    return start(0);
  }
}

/** The demo project's alert rules (see `DEMO_ALERT_RULES`), set once. */
async function demoAlertRules(running: Running): Promise<void> {
  if ((await running.store.alerts.getConfig(DEMO_PROJECT_ID)) !== undefined) return;
  const r = parseAlertConfig(DEMO_ALERT_RULES);
  if (!r.ok) throw new Error(`demo alert rules: ${errorText(r.errors)}`);
  await running.store.alerts.setConfig(DEMO_PROJECT_ID, r.value, DEMO_ALERT_RULES);
}

/** Reports the labeling loop's progress on the demo project until every session is labeled, then the alerts. */
async function followLabeling(running: Running, out: Output, signal: AbortSignal): Promise<void> {
  const began = performance.now();
  let last = -1;
  while (!signal.aborted) {
    const dirty = await running.store.labels.dirtyCount(DEMO_PROJECT_ID).catch(() => -1);
    if (dirty === 0) {
      out.stdout(
        `labels ready in ${((performance.now() - began) / 1000).toFixed(1)} s: every session of project ${DEMO_PROJECT_ID} is labeled`,
      );
      const evaluation = await running.alerts
        ?.evaluateProject(DEMO_PROJECT_ID, { force: true })
        .catch(() => undefined);
      const open = await running.store.alerts.open(DEMO_PROJECT_ID).catch(() => []);
      for (const a of open) out.stdout(`alert: ${describeEvaluation(a.evaluation)}`);
      if (evaluation !== undefined && open.length === 0) out.stdout('alerts: none open');
      return;
    }
    if (dirty !== last && dirty > 0) out.stderr(`labeling: ${n(dirty)} sessions to go`);
    last = dirty;
    await new Promise((r) => setTimeout(r, 5000).unref());
  }
}

/**
 * `tacit demo`: starts Tacit on the embedded database, loads a simulated month of traffic into
 * a `demo` project through the real ingestion API, prints where to look, and serves until
 * Ctrl+C. Returns the exit code.
 */
export async function runDemo(o: DemoOptions, out: Output): Promise<number> {
  const began = performance.now();
  const target: ResolvedTarget = { dataDir: resolveTarget(o).dataDir, databaseUrl: undefined };
  const saved = readDemoManifest(target.dataDir);
  const choice = chooseMonth(saved, o, DEMO_DEFAULTS, new Date());
  if (!choice.ok) {
    out.stderr(`tacit demo: ${choice.message}`);
    return 2;
  }
  const month = demoMonth(choice.month);
  const truthPath = join(target.dataDir, 'demo-truth.jsonl');

  out.stderr(`starting Tacit on the embedded database in ${target.dataDir} …`);
  const running = await startServer(o, target, out);
  const stop = new AbortController();
  // Ctrl+C, SIGTERM, or the npx that launched it going away: stop loading and serving.
  const stopped = new AbortController();
  void untilStopped(stopped.signal).then(() => stop.abort());
  try {
    // The URL first, as soon as the server answers: data keeps arriving while it loads.
    out.stdout(`Tacit ${VERSION} listening on ${running.url} (embedded database in ${target.dataDir})`);
    const keys = await demoKeys(running.store, saved);
    const stored = await running.store.events.count(DEMO_PROJECT_ID);
    let loaded = finishedLoad(saved, stored);
    const manifest: DemoManifest = { ...keys, ...choice.month, ...(loaded ? { loaded } : {}) };
    writeDemoManifest(target.dataDir, manifest);

    if (loaded !== undefined) {
      out.stdout(
        `demo ready in ${((performance.now() - began) / 1000).toFixed(1)} s: the month loaded on ${loaded.at} ` +
          `(${n(loaded.stored)} events) is already in project ${DEMO_PROJECT_ID}; nothing was sent again`,
      );
    } else {
      out.stdout(
        `${saved === undefined ? 'loading' : 'finishing loading'} a simulated month into project ${DEMO_PROJECT_ID}: ` +
          `about ${n(choice.month.sessions)} sessions from ${month.start} to ${month.end} (seed ${choice.month.seed}), ` +
          `through POST ${running.url}/v1/events; ${DEMO_REGRESSION.version} regresses from ${month.regressionFrom}`,
      );
      const loadStart = performance.now();
      const bar = progressBar(out, choice.month.sessions, 'loading', ' sessions');
      const r = await loadTraffic({
        url: running.url,
        key: keys.publicKey,
        simulation: month.simulation,
        until: month.end,
        truthPath,
        signal: stop.signal,
        onProgress: (p) =>
          bar.update(p.sessions, {
            extra: ` | ${n(p.sent)} events, ${n(Math.round(p.sent / Math.max(0.001, (performance.now() - loadStart) / 1000)))}/s`,
          }),
      }).finally(() => bar.stop());
      if (r.summary === undefined) {
        out.stderr(
          `interrupted after ${n(r.sent)} events; \`tacit demo\` on this data directory finishes loading ` +
            `(events already stored are acknowledged as duplicates, so nothing is stored twice)`,
        );
        return 130;
      }
      const total = await running.store.events.count(DEMO_PROJECT_ID);
      loaded = {
        at: new Date().toISOString(),
        sessions: r.sessions,
        stored: total,
        seconds: Math.round(r.seconds * 10) / 10,
        ...(r.example ? { example: r.example } : {}),
      };
      writeDemoManifest(target.dataDir, { ...manifest, loaded });
      out.stdout(
        `demo ready in ${((performance.now() - began) / 1000).toFixed(1)} s: sent ${n(r.sent)} events ` +
          `(${n(r.accepted)} stored, ${n(r.duplicate)} duplicates acknowledged) of ${n(r.sessions)} sessions ` +
          `in ${r.seconds.toFixed(1)} s, ${n(Math.round(r.sent / r.seconds))} events/s; ` +
          `project ${DEMO_PROJECT_ID} holds ${n(total)} events`,
      );
    }
    out.stdout('');
    out.stdout(
      demoGuide({
        url: running.url,
        projectId: DEMO_PROJECT_ID,
        publicKey: keys.publicKey,
        secretKey: keys.secretKey,
        month,
        sessions: loaded.sessions,
        storedEvents: loaded.stored,
        truthPath,
        dataDir: target.dataDir,
        example: loaded.example,
      }),
    );
    await demoAlertRules(running);
    running.worker?.start();
    void followLabeling(running, out, stop.signal);
    if (!stop.signal.aborted) await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
    out.stderr('stopping…');
    return 0;
  } finally {
    stopped.abort();
    await running.stop();
  }
}

/** Registers `tacit demo` on the program. */
export function addDemoCommand(cli: Command, out: Output, setCode: (code: number) => void): void {
  cli
    .command('demo')
    .description(
      'start Tacit with a simulated month of traffic (one regressing model version) in a demo project',
    )
    .addOption(
      new Option('--data-dir <dir>', 'embedded database directory (env TACIT_DATA_DIR, default ./.tacit)'),
    )
    .addOption(
      new Option('--port <port>', `port (default ${DEMO_DEFAULTS.port}, or a free one if taken)`).argParser(
        intArg(0, 65535),
      ),
    )
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(
      new Option('--sessions <n>', `sessions in the month (default ${n(DEMO_DEFAULTS.sessions)})`).argParser(
        intArg(1, 10_000_000),
      ),
    )
    .addOption(
      new Option('--seed <n>', `random seed (default ${DEMO_DEFAULTS.seed})`).argParser(
        intArg(-2_147_483_648, 2_147_483_647),
      ),
    )
    .action(async (o: DemoOptions) => {
      setCode(await runDemo(o, out));
    });
}
