import type { SliceCoverage } from '../sampling/sampler.ts';
import type { ExportKind } from './rows.ts';

/** What a dataset card says about an export: written beside the data, deterministic like it. */
export interface DatasetCard {
  kind: ExportKind;
  format: 'jsonl' | 'csv' | 'parquet';
  /** Split (`data`, `anchors`, `meta`, or a regression bucket) → file name. */
  files: Record<string, string>;
  rows: number;
  /** Rows per split. */
  splits: Record<string, number>;
  counts: {
    source: Record<string, number>;
    label: Record<string, number>;
    grade: Record<string, number>;
    slice: Record<string, number>;
    errorMode: Record<string, number>;
  };
  filters: {
    since: string | null;
    until: string | null;
    modelVersion: string | null;
    minConfidence: number | null;
    sample: string[] | null;
  };
  /** Of the rows' own times (first and last generation shown). */
  timeRange: { first: string | null; last: string | null };
  recency: { halfLifeDays: number; asOf: string | null };
  context: { hash: string; version: string; name: string };
  seed: number;
  project: string;
  sessions: number;
  dedupe: { duplicates: number; threshold: number } | null;
  /** Coverage per slice; `baseline` says what the `novel` strategy compared against. */
  sampling: { coverage: SliceCoverage[]; baseline?: string } | null;
  anchors: {
    rows: number;
    available: number;
    /** Anchors left out because their responses come from the model version being trained. */
    excludedSameVersion: number;
    trainingVersion: string | null;
    allowSameVersion: boolean;
  };
  errorModes: { classifier: string } | null;
  warnings: string[];
  generator: string;
}

function bump(m: Record<string, number>, k: string | null | undefined, n = 1): void {
  if (k === undefined || k === null) return;
  m[k] = (m[k] ?? 0) + n;
}

/** Sorted keys, so that the card's JSON is the same bytes for the same counts. */
function sortedCounts(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Counts rows as they stream by; `card()` fills the rest. */
export class CardCounter {
  rows = 0;
  readonly splits: Record<string, number> = {};
  readonly source: Record<string, number> = {};
  readonly label: Record<string, number> = {};
  readonly grade: Record<string, number> = {};
  readonly slice: Record<string, number> = {};
  readonly errorMode: Record<string, number> = {};
  first: string | null = null;
  last: string | null = null;

  add(
    split: string,
    r: {
      source?: string;
      label?: string;
      grade?: string | null;
      slices?: readonly string[];
      errorMode?: string;
      at?: string;
    },
  ): void {
    this.rows++;
    bump(this.splits, split);
    bump(this.source, r.source);
    bump(this.label, r.label);
    bump(this.grade, r.grade);
    bump(this.errorMode, r.errorMode);
    for (const s of r.slices ?? []) bump(this.slice, s);
    if (r.at) {
      if (this.first === null || r.at < this.first) this.first = r.at;
      if (this.last === null || r.at > this.last) this.last = r.at;
    }
  }

  /** A row written again into another split (a regression bucket): counted in `splits` only. */
  tally(split: string): void {
    bump(this.splits, split);
  }

  counts(): DatasetCard['counts'] {
    return {
      source: sortedCounts(this.source),
      label: sortedCounts(this.label),
      grade: sortedCounts(this.grade),
      slice: sortedCounts(this.slice),
      errorMode: sortedCounts(this.errorMode),
    };
  }
}

const table = (title: string, m: Record<string, number>) =>
  Object.keys(m).length === 0
    ? ''
    : `\n### ${title}\n\n| ${title.toLowerCase()} | rows |\n| --- | ---: |\n${Object.entries(m)
        .map(([k, v]) => `| ${k} | ${v} |`)
        .join('\n')}\n`;

/** The card as Markdown (a Hugging Face-style README), with the JSON card embedded for machines. */
export function renderCard(card: DatasetCard): string {
  const warn = card.warnings.map((w) => `> **Warning:** ${w}\n`).join('\n');
  const files = Object.entries(card.files)
    .filter(([split]) => split !== 'card')
    .map(([split, f]) => `| ${split} | \`${f}\` | ${card.splits[split] ?? 0} |`)
    .join('\n');
  const coverage = card.sampling
    ? `\n### Sampling coverage\n\n| slice | eligible | selected | quota |\n| --- | ---: | ---: | ---: |\n${card.sampling.coverage
        .map(
          (c) =>
            `| ${c.slice}${c.cohort ? ` (mean ${c.cohort.mean.toFixed(3)}, 95% ${c.cohort.low.toFixed(3)}–${c.cohort.high.toFixed(3)}, n ${c.cohort.n})` : ''} | ${c.eligible} | ${c.selected} | ${c.quota} |`,
        )
        .join('\n')}\n`
    : '';
  return `# Tacit ${card.kind} export

${warn}
${card.rows} rows from ${card.sessions} sessions of project \`${card.project}\`, ${card.format}, labelled under
product context \`${card.context.version}\` (\`${card.context.hash}\`), seed ${card.seed}. Rows are a
deterministic function of the events and the context: the same export again gives the same bytes.

| split | file | rows |
| --- | --- | ---: |
${files}

Filters: since ${card.filters.since ?? '—'}, until ${card.filters.until ?? '—'}, model version
${card.filters.modelVersion ?? 'any'}, min confidence ${card.filters.minConfidence ?? 'none'}, sample
${card.filters.sample?.join(', ') ?? 'none'}. Rows from ${card.timeRange.first ?? '—'} to ${card.timeRange.last ?? '—'}.
Recency weight: half-life ${card.recency.halfLifeDays} days before ${card.recency.asOf ?? '—'}.
Anchors: ${card.anchors.rows} rows (${card.anchors.available} stored, ${card.anchors.excludedSameVersion} left out as
written by the version being trained${card.anchors.trainingVersion ? ` \`${card.anchors.trainingVersion}\`` : ''}).
${card.dedupe ? `Near-duplicate pairs collapsed: ${card.dedupe.duplicates} (threshold ${card.dedupe.threshold}).\n` : ''}${card.errorModes ? `Error modes by: ${card.errorModes.classifier}.\n` : ''}${table('Source', card.counts.source)}${table('Label', card.counts.label)}${table('Grade', card.counts.grade)}${table('Error mode', card.counts.errorMode)}${table('Slice', card.counts.slice)}${coverage}
\`\`\`json
${JSON.stringify(card, null, 2)}
\`\`\`
`;
}
