import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { VERSION } from '@tacit/server';
import { addDemoCommand } from './commands/demo.ts';
import { registerDatasetCommands } from './commands/datasets.ts';
import { alertRulesSet, alertRulesShow, alertsList } from './commands/alerts.ts';
import { importEvents } from './commands/import.ts';
import { monitorCommand, type MonitorOptions } from './commands/monitor.ts';
import { keysCreate, keysList, keysRevoke } from './commands/keys.ts';
import { backfill, contextCommand } from './commands/label.ts';
import { labelsList, labelsSession, labelsShow, type LabelListOptions } from './commands/labels.ts';
import { workerCommand, type WorkerCommandOptions } from './commands/worker.ts';
import { loadContext } from './context.ts';
import { addSimulateCommand } from './commands/simulate.ts';
import { banner, startTacit } from './commands/start.ts';
import { processOutput, type Output } from './output.ts';
import { untilStopped } from './until-stopped.ts';
import { resolveTarget, type TargetOptions } from './target.ts';

function int(min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected an integer in ${min}..${max}`);
    return n;
  };
}

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'embedded database directory (env TACIT_DATA_DIR, default ./.tacit)');
const databaseUrlOption = () =>
  new Option(
    '--database-url <url>',
    'use this PostgreSQL server instead of the embedded database (env DATABASE_URL)',
  );

/** The `tacit` program; `out` and `setCode` are injected so that tests run it in-process. */
export function program(out: Output = processOutput, setCode: (code: number) => void = () => {}): Command {
  const cli = new Command('tacit')
    .description('Turn what users do with an AI product into ground truth for its model.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.stdout(s.trimEnd()), writeErr: (s) => out.stderr(s.trimEnd()) });

  cli
    .command('start')
    .description('serve the API (and the labeling loop) on the embedded database or PostgreSQL')
    .addOption(new Option('--port <port>', 'port').env('PORT').default(7400).argParser(int(0, 65535)))
    .addOption(new Option('--host <host>', 'interface to listen on').env('TACIT_HOST').default('127.0.0.1'))
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .addOption(
      new Option('--log-level <level>', 'request log level')
        .choices(['silent', 'error', 'warn', 'info', 'debug'])
        .default('info'),
    )
    .option(
      '--context <name-or-file>',
      'default product context: chat, code, writing, support, or a YAML/JSON file',
    )
    .option('--no-worker', 'do not run the labeling loop in this process (run `tacit worker` elsewhere)')
    .option('--no-alerts', 'do not evaluate alert rules in this process')
    .option('--no-dashboard', 'do not serve the read-only web dashboard at /')
    .addOption(
      new Option(
        '--cors-origins <origins>',
        'browser origins allowed to call the API: * or a comma-separated list',
      )
        .env('TACIT_CORS_ORIGINS')
        .default('*'),
    )
    .addOption(
      new Option('--max-batch <n>', 'events in one POST /v1/events')
        .env('TACIT_MAX_BATCH')
        .default(1000)
        .argParser(int(1, 100_000)),
    )
    .addOption(
      new Option('--body-limit-mb <n>', 'request body limit, MB')
        .env('TACIT_BODY_LIMIT_MB')
        .default(5)
        .argParser(int(1, 1024)),
    )
    .addOption(
      new Option('--rate-limit <n>', 'requests per second per API key')
        .env('TACIT_RATE_LIMIT')
        .default(1000)
        .argParser(int(1, 10_000_000)),
    )
    .action(
      async (
        o: TargetOptions & {
          port: number;
          host: string;
          logLevel: 'info';
          context?: string;
          worker: boolean;
          alerts: boolean;
          dashboard: boolean;
          corsOrigins: string;
          maxBatch: number;
          bodyLimitMb: number;
          rateLimit: number;
        },
      ) => {
        const target = resolveTarget(o);
        const running = await startTacit({
          port: o.port,
          host: o.host,
          target,
          config: {
            logLevel: o.logLevel,
            corsOrigins:
              o.corsOrigins.trim() === '*'
                ? '*'
                : o.corsOrigins
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
            maxBatchEvents: o.maxBatch,
            bodyLimit: o.bodyLimitMb * 1024 * 1024,
            rateLimitPerSecond: o.rateLimit,
            dashboard: o.dashboard,
          },
          worker: o.worker,
          alerts: o.alerts,
          alertOptions: {
            onError: (err, projectId) =>
              out.stderr(`alerts: ${projectId ? `${projectId}: ` : ''}${String(err)}`),
          },
          workerOptions: {
            ...(o.context !== undefined ? { defaultContext: loadContext(o.context) } : {}),
            onError: (err, claim) =>
              out.stderr(`labeling: ${claim ? `session ${claim.sessionId}: ` : ''}${String(err)}`),
          },
        });
        out.stdout(banner(running, target));
        await untilStopped();
        out.stderr('stopping…');
        await running.stop();
      },
    );

  const keys = cli.command('keys').description('API keys: create, list, revoke');
  keys
    .command('create')
    .description('create a public and a secret key (default project unless --project/--new-project)')
    .option('--project <id>', 'for this project (created if missing)')
    .option('--new-project <name>', 'for a new project with this name')
    .option('--name <name>', 'a label for the keys')
    .option('--json', 'print {"projectId","publicKey","secretKey"}')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .action(
      async (o: TargetOptions & { project?: string; newProject?: string; name?: string; json?: boolean }) => {
        setCode(await keysCreate(resolveTarget(o), o, out));
      },
    );
  keys
    .command('list')
    .description('list keys (secret keys by prefix only)')
    .option('--project <id>', 'only this project')
    .option('--json', 'print JSON')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .action(async (o: TargetOptions & { project?: string; json?: boolean }) => {
      setCode(await keysList(resolveTarget(o), o, out));
    });
  keys
    .command('revoke')
    .description('revoke a key, given the key itself or its id')
    .argument('<key-or-id>')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .action(async (key: string, o: TargetOptions) => {
      setCode(await keysRevoke(resolveTarget(o), key, out));
    });

  const events = cli.command('events').description('the event log');
  events
    .command('import')
    .description('bulk-load a JSONL file of events; bad lines are reported with their line numbers')
    .argument('<file>', 'one event per line')
    .option('--project <id>', 'into this project (default: default)')
    .addOption(new Option('--batch <n>', 'events per batch').default(500).argParser(int(1, 1000)))
    .addOption(new Option('--max-errors <n>', 'bad lines to print').default(50).argParser(int(0, 1_000_000)))
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .action(
      async (file: string, o: TargetOptions & { project?: string; batch: number; maxErrors: number }) => {
        const s = await importEvents(resolveTarget(o), file, o, out);
        setCode(s.bad > 0 ? 1 : 0);
      },
    );

  cli
    .command('worker')
    .description('run a labeling loop in this process (several may share one PostgreSQL)')
    .addOption(new Option('--batch <n>', 'sessions claimed at a time').default(50).argParser(int(1, 10_000)))
    .option('--project <id>', 'only this project')
    .option('--context <name-or-file>', 'default product context for projects without one')
    .option('--exit-when-idle', 'label what is dirty, then exit')
    .option('--verbose', 'print a JSON line per labeled session')
    .option('--no-alerts', 'do not evaluate alert rules in this process')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .action(async (o: TargetOptions & WorkerCommandOptions) => {
      setCode(await workerCommand(resolveTarget(o), o, out));
    });

  cli
    .command('label')
    .description('relabel history: --backfill [--context FILE|chat|code|writing|support]')
    .requiredOption('--backfill', 'recompute every session of the project')
    .option('--context <name-or-file>', 'activate this product context first')
    .option('--project <id>', 'the project', 'default')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .action(async (o: TargetOptions & { project: string; context?: string }) => {
      setCode(await backfill(resolveTarget(o), o, out));
    });

  const labels = cli.command('labels').description('read labels, signals and outcomes');
  const readOptions = (c: Command) =>
    c
      .option('--project <id>', 'the project', 'default')
      .option('--json', 'print JSON')
      .addOption(dataDirOption())
      .addOption(databaseUrlOption());
  readOptions(
    labels
      .command('list')
      .description('labels, newest first')
      .option('--model-version <v>', 'one model version')
      .addOption(
        new Option('--grade <grade>').choices([
          'accepted',
          'minor_edit',
          'major_edit',
          'replaced',
          'rejected',
        ]),
      )
      .addOption(new Option('--route <route>').choices(['train', 'review', 'discard']))
      .option('--signal <kind>', 'with a signal of this kind, e.g. rephrase_retry')
      .option('--since <iso>', 'shown at or after')
      .option('--until <iso>', 'shown before')
      .addOption(new Option('--limit <n>').default(50).argParser(int(1, 1000))),
  ).action(async (o: TargetOptions & LabelListOptions) => {
    setCode(await labelsList(resolveTarget(o), o, out));
  });
  readOptions(
    labels.command('show').description("a generation's label and signals").argument('<generation-id>'),
  ).action(async (id: string, o: TargetOptions & { project: string; json?: boolean }) => {
    setCode(await labelsShow(resolveTarget(o), id, o, out));
  });
  readOptions(
    labels.command('session').description("a session's labels, signals and outcome").argument('<session-id>'),
  ).action(async (id: string, o: TargetOptions & { project: string; json?: boolean }) => {
    setCode(await labelsSession(resolveTarget(o), id, o, out));
  });

  const context = cli.command('context').description("the project's product context");
  readOptions(context.command('show').description('the active context and its hash')).action(
    async (o: TargetOptions & { project: string; json?: boolean }) => {
      setCode(await contextCommand(resolveTarget(o), o, out));
    },
  );
  readOptions(
    context
      .command('set')
      .description('activate a context: chat, code, writing, support, or a YAML/JSON file')
      .argument('<name-or-file>')
      .option('--backfill', 'and relabel every session under it'),
  ).action(
    async (spec: string, o: TargetOptions & { project: string; backfill?: boolean; json?: boolean }) => {
      setCode(await contextCommand(resolveTarget(o), { ...o, set: spec }, out));
    },
  );
  addDemoCommand(cli, out, setCode);
  addSimulateCommand(cli, out, setCode);

  registerDatasetCommands(cli, out, setCode);
  readOptions(
    cli
      .command('monitor')
      .description(
        'signal rates per model version with intervals, the newest version vs the one before, open alerts',
      )
      .option(
        '--metric <metric...>',
        'rate:<signal>, grade:<grade>, outcome:<status> (default rate:retried grade:rejected)',
      )
      .addOption(new Option('--window <size>', 'rollup window').choices(['hour', 'day']).default('day'))
      .addOption(
        new Option('--by <dimension>', 'compare')
          .choices(['modelVersion', 'promptVersion'])
          .default('modelVersion'),
      )
      .option('--candidate <version>', 'version to test (default: the newest)')
      .option('--baseline <version>', 'version to compare with (default: the one before the candidate)')
      .option('--since <iso>', 'from (default: 30 days of days, 2 days of hours)')
      .option('--until <iso>', 'to (default: now)'),
  ).action(async (o: TargetOptions & MonitorOptions) => {
    setCode(await monitorCommand(resolveTarget(o), o, out));
  });

  const alerts = cli.command('alerts').description('alert rules, open alerts and their history');
  const rules = alerts
    .command('rules')
    .description("the project's alert rules (YAML or JSON, with a webhook URL)");
  readOptions(
    rules.command('set').description('validate and set the rules from a file').argument('<file>'),
  ).action(async (file: string, o: TargetOptions & { project: string; json?: boolean }) => {
    setCode(await alertRulesSet(resolveTarget(o), file, o, out));
  });
  readOptions(rules.command('show').description('the rules in force (the defaults until set)')).action(
    async (o: TargetOptions & { project: string; json?: boolean }) => {
      setCode(await alertRulesShow(resolveTarget(o), o, out));
    },
  );
  readOptions(
    alerts
      .command('list')
      .description('open alerts and the history, with webhook deliveries')
      .addOption(new Option('--limit <n>', 'history entries').default(20).argParser(int(1, 1000)))
      .option('--evaluate', 'evaluate the rules now first'),
  ).action(
    async (o: TargetOptions & { project: string; json?: boolean; limit: number; evaluate?: boolean }) => {
      setCode(await alertsList(resolveTarget(o), o, out));
    },
  );

  return cli;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  try {
    let code = 0;
    await program(out, (c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' && e.path) out.stderr(`tacit: no such file: ${e.path}`);
    else if (e.code === 'EADDRINUSE')
      out.stderr(`tacit: the port is in use (${e.message}); choose another with --port`);
    else out.stderr(`tacit: ${e.message}`);
    return 1;
  }
}
