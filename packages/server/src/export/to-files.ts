import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { COLUMNS, renderCard, type DatasetCard } from '@tacit/core/datasets';
import type { Store } from '@tacit/store';
import { splitPaths } from './files.ts';
import { exportOptionsSchema, type ExportOptionsInput } from './options.ts';
import { runExport, type ExportHooks } from './pipeline.ts';
import { writerFor } from './writers/index.ts';

/**
 * Runs an export into files: the data at `out`, the other splits beside it
 * (`<stem>.anchors.<ext>`, `<stem>.meta.jsonl`, `<stem>.<error mode>.<ext>`), and the dataset
 * card as `<stem>.card.json` and `<stem>.card.md`. Returns the card and the paths.
 *
 * @example
 * const { card } = await exportToFiles(store, 'default', { kind: 'dpo', seed: 7 }, 'out/pairs.jsonl');
 */
export async function exportToFiles(
  store: Store,
  projectId: string,
  input: ExportOptionsInput,
  out: string,
  hooks: ExportHooks = {},
): Promise<{ card: DatasetCard; paths: Record<string, string> }> {
  const o = exportOptionsSchema.parse(input);
  const paths = splitPaths(out, o.kind, o.format);
  mkdirSync(dirname(out), { recursive: true });
  const card = await runExport(
    store,
    projectId,
    o,
    (split) =>
      writerFor(
        split === 'meta' ? 'jsonl' : o.format,
        createWriteStream(paths[split] as string),
        COLUMNS[o.kind],
      ),
    hooks,
  );
  card.files = Object.fromEntries(
    Object.entries(paths)
      .filter(([k]) => k !== 'cardMd')
      .map(([k, v]) => [k, basename(v)]),
  );
  writeFileSync(paths.card as string, `${JSON.stringify(card, null, 2)}\n`);
  writeFileSync(paths.cardMd as string, renderCard(card));
  return { card, paths };
}
