import { basename, dirname, extname, join } from 'node:path';
import { ERROR_MODES, TRAINING_KINDS, type ExportKind } from '@tacit/core/datasets';
import type { Format } from './writers/index.ts';

/** The splits an export writes: `data`, plus `anchors` (training), `meta` (OpenAI), one per error mode (regression). */
export function splitsOf(kind: ExportKind): string[] {
  return [
    'data',
    ...(TRAINING_KINDS.includes(kind) ? ['anchors'] : []),
    ...(kind === 'openai-preference' ? ['meta'] : []),
    ...(kind === 'regression' ? ERROR_MODES : []),
  ];
}

/**
 * Where each split goes beside `out`: `out` itself for the data, `<stem>.<split>.<ext>` for the
 * others, and the card as `<stem>.card.json` and `<stem>.card.md`.
 *
 * @example
 * splitPaths('out/pairs.jsonl', 'dpo', 'jsonl')
 * // { data: 'out/pairs.jsonl', anchors: 'out/pairs.anchors.jsonl', card: 'out/pairs.card.json', cardMd: 'out/pairs.card.md' }
 */
export function splitPaths(out: string, kind: ExportKind, format: Format): Record<string, string> {
  const ext = extname(out);
  const stem = join(dirname(out), basename(out, ext));
  const dot = ext || `.${format}`;
  const paths: Record<string, string> = {};
  for (const s of splitsOf(kind))
    paths[s] = s === 'data' ? out : `${stem}.${s}${s === 'meta' ? '.jsonl' : dot}`;
  paths.card = `${stem}.card.json`;
  paths.cardMd = `${stem}.card.md`;
  return paths;
}
