import { h, s } from './dom.ts';
import { interval, pct, shortDay } from './format.ts';

export interface ChartPoint {
  /** Epoch ms. */
  x: number;
  /** 0..1; null where there was nothing to measure (the line breaks). */
  y: number | null;
  /** Tooltip of the point. */
  title: string;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Geometry {
  yMax: number;
  yTicks: { y: number; value: number }[];
  /** First, middle and last time (one when all points share a time). */
  xTicks: { x: number; value: number; anchor: 'start' | 'middle' | 'end' }[];
  lines: { name: string; d: string; dots: { cx: number; cy: number; title: string }[] }[];
}

const STEPS = [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5];

/** The smallest "round" top of a 0-based rate axis that holds `max` in at most 5 steps. */
export function niceMax(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 0.1, step: 0.025 };
  for (const step of STEPS) {
    const top = Math.round(Math.ceil(max / step - 1e-9) * step * 1e6) / 1e6;
    if (top / step <= 5) return { top: Math.min(top, 1), step };
  }
  return { top: 1, step: 0.25 };
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** Where each line and dot goes in the box: time on x, the rate on y from 0; nulls break lines. */
export function geometry(series: readonly ChartSeries[], box: Box): Geometry {
  const all = series.flatMap((l) => l.points);
  const xs = all.map((p) => p.x);
  const xMin = xs.length === 0 ? 0 : Math.min(...xs);
  const xMax = xs.length === 0 ? 0 : Math.max(...xs);
  const { top, step } = niceMax(Math.max(0, ...all.map((p) => p.y ?? 0)));
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const px = (x: number) => r1(box.left + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW));
  const py = (y: number) => r1(box.top + plotH - (Math.min(y, top) / top) * plotH);
  const yTicks: Geometry['yTicks'] = [];
  for (let v = 0; v <= top + 1e-9; v += step) yTicks.push({ y: py(v), value: Math.round(v * 1e6) / 1e6 });
  const xTicks: Geometry['xTicks'] =
    xMin === xMax
      ? [{ x: px(xMin), value: xMin, anchor: 'middle' }]
      : [
          { x: px(xMin), value: xMin, anchor: 'start' },
          { x: px((xMin + xMax) / 2), value: (xMin + xMax) / 2, anchor: 'middle' },
          { x: px(xMax), value: xMax, anchor: 'end' },
        ];
  return {
    yMax: top,
    yTicks,
    xTicks,
    lines: series.map((l) => {
      let d = '';
      let pen = false;
      const dots: Geometry['lines'][number]['dots'] = [];
      for (const p of [...l.points].sort((a, b) => a.x - b.x)) {
        if (p.y === null) {
          pen = false;
          continue;
        }
        const cx = px(p.x);
        const cy = py(p.y);
        d += `${d === '' ? '' : ' '}${pen ? 'L' : 'M'}${cx} ${cy}`;
        pen = true;
        dots.push({ cx, cy, title: p.title });
      }
      return { name: l.name, d, dots };
    }),
  };
}

const BOX: Box = { width: 1100, height: 260, left: 48, right: 16, top: 12, bottom: 28 };

/** A line chart of rates over time, one colour per series, with a legend; every point has a tooltip. */
export function lineChart(series: readonly ChartSeries[], label: string): HTMLElement {
  const g = geometry(series, BOX);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${BOX.width} ${BOX.height}`, class: 'chart', role: 'img', 'aria-label': label },
    g.yTicks.map((t) => [
      s('line', { x1: BOX.left, x2: BOX.width - BOX.right, y1: t.y, y2: t.y, class: 'grid' }),
      s(
        'text',
        { x: BOX.left - 6, y: t.y + 4, class: 'tick', 'text-anchor': 'end' },
        pct(t.value, t.value < 0.1 && t.value > 0 ? 1 : 0),
      ),
    ]),
    g.xTicks.map((t) =>
      s(
        'text',
        { x: t.x, y: BOX.height - 8, class: 'tick', 'text-anchor': t.anchor },
        shortDay(new Date(t.value).toISOString()),
      ),
    ),
    g.lines.map((l, i) =>
      s(
        'g',
        { class: `series s${i % 8}`, 'data-series': l.name },
        s('path', { d: l.d, class: 'line' }),
        l.dots.map((d) =>
          s('circle', { cx: d.cx, cy: d.cy, r: 2.5, class: 'dot' }, s('title', null, d.title)),
        ),
      ),
    ),
  );
  const legend = h(
    'ul',
    { class: 'legend' },
    series.map((l, i) => h('li', { class: `s${i % 8}` }, h('span', { class: 'swatch' }), l.name)),
  );
  return h('figure', { class: 'chart-box' }, svg, legend);
}

/**
 * A rate with its interval as a small forest-plot glyph (line from lower to upper, dot at the
 * rate) on a shared 0..`max` scale, so that rows of a table compare at a glance.
 */
export function intervalGlyph(
  rate: number | null,
  lower: number | null,
  upper: number | null,
  max: number,
): SVGSVGElement {
  const w = 110;
  const x = (v: number) => r1(4 + (Math.min(v, max) / (max || 1)) * (w - 8));
  return s(
    'svg',
    { viewBox: `0 0 ${w} 14`, class: 'glyph', 'aria-hidden': 'true' },
    s('line', { x1: 4, x2: w - 4, y1: 7, y2: 7, class: 'axis' }),
    lower !== null && upper !== null
      ? s('line', { x1: x(lower), x2: x(upper), y1: 7, y2: 7, class: 'ci' })
      : null,
    rate !== null ? s('circle', { cx: x(rate), cy: 7, r: 3, class: 'est' }) : null,
    s('title', null, rate === null ? 'no data' : `${pct(rate)} ${interval(lower, upper)}`),
  );
}
