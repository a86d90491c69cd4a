import { ALL_COHORTS, type RollupRow } from './rollup.ts';
import type { WindowSize } from './window.ts';

/** A dimension rows can be grouped or split by: `cohort:plan` groups by the plan attribute. */
export type Dimension = 'modelVersion' | 'promptVersion' | 'contentType' | `cohort:${string}`;

/** Which rows to read. Absent fields match everything (for cohort: the `*` rows). */
export interface RowFilter {
  projectId?: string | undefined;
  window?: WindowSize | undefined;
  /** Window starts ≥ from (epoch ms). */
  from?: number | undefined;
  /** Window starts < to (epoch ms). */
  to?: number | undefined;
  modelVersion?: string | undefined;
  promptVersion?: string | undefined;
  contentType?: string | undefined;
  /** At most one attribute: rows are kept per single cohort attribute. */
  cohort?: Readonly<Record<string, string>> | undefined;
}

/** The value of a dimension in a row; undefined for a cohort dimension the row is not about. */
export function dimensionValue(row: RollupRow, dimension: Dimension): string | undefined {
  if (dimension.startsWith('cohort:')) {
    const prefix = `${dimension.slice('cohort:'.length)}=`;
    return row.cohort.startsWith(prefix) ? row.cohort.slice(prefix.length) : undefined;
  }
  return row[dimension as 'modelVersion' | 'promptVersion' | 'contentType'];
}

/**
 * The rows that match `filter`. Each session is in the `*` cohort rows once and once more per
 * attribute, so exactly one cohort selection is made: the filter's attribute, else the attribute
 * the caller splits by (`split: 'cohort:plan'` keeps every `plan=…` row), else `*`.
 */
export function selectRows(rows: Iterable<RollupRow>, filter: RowFilter, split?: Dimension): RollupRow[] {
  const cohortEntries = Object.entries(filter.cohort ?? {});
  if (cohortEntries.length > 1) throw new RangeError('selectRows: filter on at most one cohort attribute');
  if (cohortEntries.length === 1 && split?.startsWith('cohort:')) {
    throw new RangeError('selectRows: filter on a cohort attribute or split by one, not both');
  }
  const [entry] = cohortEntries;
  const cohortOk = (c: string) =>
    entry
      ? c === `${entry[0]}=${entry[1]}`
      : split?.startsWith('cohort:')
        ? c.startsWith(`${split.slice('cohort:'.length)}=`)
        : c === ALL_COHORTS;
  const out: RollupRow[] = [];
  for (const r of rows) {
    if (filter.projectId !== undefined && r.projectId !== filter.projectId) continue;
    if (filter.window !== undefined && r.window !== filter.window) continue;
    if (filter.from !== undefined && r.windowStart < filter.from) continue;
    if (filter.to !== undefined && r.windowStart >= filter.to) continue;
    if (filter.modelVersion !== undefined && r.modelVersion !== filter.modelVersion) continue;
    if (filter.promptVersion !== undefined && r.promptVersion !== filter.promptVersion) continue;
    if (filter.contentType !== undefined && r.contentType !== filter.contentType) continue;
    if (!cohortOk(r.cohort)) continue;
    out.push(r);
  }
  return out;
}

/** Rows grouped by a dimension's value (rows without a value are left out). */
export function groupRows(rows: Iterable<RollupRow>, dimension: Dimension): Map<string, RollupRow[]> {
  const groups = new Map<string, RollupRow[]>();
  for (const r of rows) {
    const v = dimensionValue(r, dimension);
    if (v === undefined) continue;
    const list = groups.get(v) ?? [];
    list.push(r);
    groups.set(v, list);
  }
  return groups;
}
