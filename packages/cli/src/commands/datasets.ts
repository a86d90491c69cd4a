import { EXPORT_KINDS, type ExportKind } from '@tacit/core/datasets';
import { STRATEGIES, type Strategy } from '@tacit/core/sampling';
import type { ExportOptionsInput } from '@tacit/server';
import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import type { Output } from '../output.ts';
import { resolveTarget, type TargetOptions } from '../target.ts';
import { importAnchorsCommand } from './anchors.ts';
import { exportCommand, type ExportCommandOptions } from './export.ts';

const number = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new InvalidArgumentError(`expected a number in ${min}..${max}`);
  return n;
};
const integer = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
};
const time = (v: string) => {
  if (Number.isNaN(Date.parse(v))) throw new InvalidArgumentError('expected an ISO 8601 time');
  return new Date(v).toISOString();
};
const strategies = (v: string): Strategy[] =>
  v.split(',').map((s) => {
    if (!(STRATEGIES as readonly string[]).includes(s))
      throw new InvalidArgumentError(`expected ${STRATEGIES.join(', ')} (comma-separated)`);
    return s as Strategy;
  });

const target = (c: Command) =>
  c
    .addOption(
      new Option('--data-dir <dir>', 'embedded database directory (env TACIT_DATA_DIR, default ./.tacit)'),
    )
    .addOption(new Option('--database-url <url>', 'a PostgreSQL server instead (env DATABASE_URL)'));

interface ExportFlags extends TargetOptions, ExportCommandOptions {
  format: 'jsonl' | 'csv' | 'parquet';
  since?: string;
  until?: string;
  modelVersion?: string;
  minConfidence?: number;
  sample?: Strategy[];
  seed: number;
  quota: number;
  halfLifeDays: number;
  promptPolicy: 'final_phrasing' | 'original';
  trainingVersion?: string;
  allowSameVersionAnchors?: boolean;
  includeOpen?: boolean;
}

/** `tacit export` and `tacit anchors import`: registered from here so that main.ts stays small. */
export function registerDatasetCommands(cli: Command, out: Output, setCode: (code: number) => void): void {
  target(
    cli
      .command('export')
      .description(
        'export training or eval data: dpo, kto, openai-preference, eval, regression (with a dataset card)',
      )
      .addArgument(new Argument('<kind>', 'what to export').choices(EXPORT_KINDS))
      .addOption(
        new Option('--format <format>', 'file format').choices(['jsonl', 'csv', 'parquet']).default('jsonl'),
      )
      .option(
        '--out <path>',
        'data file (default ./tacit-KIND.FORMAT); other splits and the card go beside it',
      )
      .option('--project <id>', 'project (default: default)')
      .option('--since <time>', 'generations shown at or after this time (ISO 8601)', time)
      .option('--until <time>', 'before this time; also the recency weights’ reference', time)
      .option('--model-version <v>', 'only this model version (and leave its anchors out)')
      .option('--min-confidence <x>', 'only rows of at least this confidence, 0..1', number(0, 1))
      .option(
        '--sample <strategies>',
        `sample slices: ${STRATEGIES.join(', ')} (comma-separated)`,
        strategies,
      )
      .option('--seed <n>', 'sampling seed', integer, 0)
      .option('--quota <n>', 'rows per sampling slice', integer, 200)
      .option('--half-life-days <d>', 'recency weight half-life', number(0.001, 1e6), 30)
      .addOption(
        new Option('--prompt-policy <p>', 'rephrase pairs: prompt of the final or the original phrasing')
          .choices(['final_phrasing', 'original'])
          .default('final_phrasing'),
      )
      .option('--training-version <v>', 'the model version being trained: its anchors are left out')
      .option('--allow-same-version-anchors', 'keep anchors written by the version being trained')
      .option('--include-open', 'include sessions still open (their labels may change)')
      .option(
        '--context <name-or-file>',
        'label under chat|code|writing|support or a context file, not the active one',
      )
      .addOption(new Option('--llm-url <url>', 'OpenAI-compatible API for error modes').env('TACIT_LLM_URL'))
      .addOption(new Option('--llm-model <model>', 'model for error modes').env('TACIT_LLM_MODEL'))
      .addOption(new Option('--llm-api-key <key>', 'API key of --llm-url').env('TACIT_LLM_API_KEY'))
      .option('--json', 'print {"card","paths"}'),
  ).action(async (kind: ExportKind, f: ExportFlags) => {
    const options: ExportOptionsInput = {
      kind,
      format: f.format,
      seed: f.seed,
      quota: f.quota,
      halfLifeDays: f.halfLifeDays,
      promptPolicy: f.promptPolicy,
      ...(f.since ? { since: f.since } : {}),
      ...(f.until ? { until: f.until } : {}),
      ...(f.modelVersion ? { modelVersion: f.modelVersion } : {}),
      ...(f.minConfidence !== undefined ? { minConfidence: f.minConfidence } : {}),
      ...(f.sample ? { sample: f.sample } : {}),
      ...(f.trainingVersion ? { trainingVersion: f.trainingVersion } : {}),
      ...(f.allowSameVersionAnchors ? { allowSameVersionAnchors: true } : {}),
      ...(f.includeOpen ? { includeOpen: true } : {}),
    };
    setCode(await exportCommand(resolveTarget(f), options, f, out));
  });

  const anchors = cli.command('anchors').description('the anchor set: human-labeled, held-out examples');
  target(
    anchors
      .command('import')
      .description(
        'import anchors from JSONL or CSV: {prompt, response, label} or {prompt, chosen, rejected}',
      )
      .argument('<file>')
      .option('--project <id>', 'project (default: default)')
      .addOption(new Option('--format <format>', 'default: by extension').choices(['jsonl', 'csv'])),
  ).action(async (file: string, f: TargetOptions & { project?: string; format?: 'jsonl' | 'csv' }) => {
    setCode(await importAnchorsCommand(resolveTarget(f), file, f, out));
  });
}
