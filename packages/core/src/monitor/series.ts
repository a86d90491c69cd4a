import { metricRate, parseMetric, type MetricRate } from './metric.ts';
import { sumCounts, type RollupRow } from './rollup.ts';
import { groupRows, selectRows, type Dimension, type RowFilter } from './select.ts';
import type { WindowSize } from './window.ts';

export interface SeriesQuery {
  /** A metric such as `rate:rephrase_retry` (see `Metric`). */
  metric: string;
  window: WindowSize;
  filter?: Omit<RowFilter, 'window'>;
  /** One series per value of this dimension (e.g. per model version); one series when absent. */
  groupBy?: Dimension;
  confidence?: number;
}

export interface SeriesPoint extends MetricRate {
  windowStart: number;
}

export interface Series {
  /** The value of `groupBy`, or null for the single series. */
  group: string | null;
  /** Windows in time order; windows without rows are left out. */
  points: SeriesPoint[];
}

/**
 * Rate over time with a Wilson interval per window, optionally one series per model version (or
 * any dimension). Undefined when the metric is not one (`parseMetric`).
 *
 * @example
 * rateSeries(rows, { metric: 'rate:rephrase_retry', window: 'hour', groupBy: 'modelVersion',
 *   filter: { projectId: 'p1', from: Date.now() - 86_400_000 } });
 */
export function rateSeries(rows: readonly RollupRow[], query: SeriesQuery): Series[] | undefined {
  const metric = parseMetric(query.metric);
  if (!metric) return undefined;
  const selected = selectRows(rows, { ...query.filter, window: query.window }, query.groupBy);
  const groups: [string | null, RollupRow[]][] = query.groupBy
    ? [...groupRows(selected, query.groupBy)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : [[null, selected]];
  return groups.map(([group, list]) => {
    const byWindow = new Map<number, RollupRow[]>();
    for (const r of list) byWindow.set(r.windowStart, [...(byWindow.get(r.windowStart) ?? []), r]);
    const points = [...byWindow]
      .sort(([a], [b]) => a - b)
      .map(([windowStart, rs]) => ({ windowStart, ...metricRate(sumCounts(rs), metric, query.confidence) }));
    return { group, points };
  });
}
