import type { ProductContext, SignalKind } from '@tacit/core/context';
import { labelSession, type GenerationLabel, type SessionLabels } from '@tacit/core/labels';
import { SIGNAL_KINDS, type Signal } from '@tacit/core/signals';
import { AucCounter } from './auc.ts';
import type { ClosedSession } from './sim-stream.ts';

const r4 = (x: number, d = 4) => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);

/** What the labels of one slice (a product, or all) say against the hidden truth. */
export class LabelTally {
  generations = 0;
  /** Generations with a label: at least one piece of evidence (equivalently, a grade). */
  labeled = 0;
  readonly auc = new AucCounter();
  /** P(good) of every generation, the unlabeled ones at the prior. */
  readonly aucAll = new AucCounter();
  /** The baseline: the user's last explicit feedback (thumb, or score mapped to up/down). */
  readonly thumbs = new AucCounter();
  readonly routes = { train: 0, review: 0, discard: 0 };
  trainAgree = 0;
  labeledAgree = 0;
  mixed = 0;
  /** Reliability of P(good) over labeled generations: per tenth, [labels, Σ P(good), good]. */
  readonly reliability = Array.from({ length: 10 }, () => [0, 0, 0] as [number, number, number]);

  add(label: GenerationLabel | undefined, signals: readonly Signal[], good: boolean, prior: number): void {
    this.generations++;
    const p = label?.pGood ?? prior;
    this.aucAll.add(p, good);
    const feedback = signals.find((s) => s.kind === 'feedback_up' || s.kind === 'feedback_down');
    if (feedback !== undefined) this.thumbs.add(feedback.kind === 'feedback_up' ? 1 : 0, good);
    if (label === undefined || label.grade === null) return;
    this.labeled++;
    this.auc.add(p, good);
    const agree = p > 0.5 === good;
    if (agree) this.labeledAgree++;
    this.routes[label.route]++;
    if (label.route === 'train' && agree) this.trainAgree++;
    if (label.mixed) this.mixed++;
    const bin = this.reliability[Math.min(9, Math.floor(p * 10))] as [number, number, number];
    bin[0]++;
    bin[1] += p;
    if (good) bin[2]++;
  }

  /** Expected calibration error of P(good) over labeled generations (ten equal-width bins). */
  ece(): number {
    let e = 0;
    for (const [n, sum, good] of this.reliability) if (n > 0) e += Math.abs(sum - good);
    return e / this.labeled;
  }

  summary(): Record<string, number> {
    const coverage = this.labeled / this.generations;
    const thumbsCoverage = this.thumbs.n / this.generations;
    return {
      auc: r4(this.auc.auc()),
      thumbs_auc: r4(this.thumbs.auc()),
      coverage: r4(coverage),
      train_precision: r4(this.trainAgree / this.routes.train),
      thumbs_coverage: r4(thumbsCoverage),
      coverage_vs_thumbs: r4(coverage / thumbsCoverage, 1),
      auc_all_generations: r4(this.aucAll.auc()),
      auc_se: r4(this.auc.standardError()),
      accuracy: r4(this.labeledAgree / this.labeled),
      ece: r4(this.ece()),
      train_share: r4(this.routes.train / this.generations),
      review_share: r4(this.routes.review / this.generations),
      discard_share: r4(this.routes.discard / this.generations),
      mixed_share: r4(this.mixed / this.generations),
      good_share: r4(this.aucAll.positives / this.generations),
      generations: this.generations,
      labeled: this.labeled,
      train: this.routes.train,
      thumbs_n: this.thumbs.n,
    };
  }
}

/**
 * How often each signal kind fires on good and on bad generations, per product: its empirical
 * log-likelihood ratio ln(P(fires | good) / P(fires | bad)) is what its strength should be were
 * signals independent. Also the patterns of signal kinds per generation, for a joint fit.
 */
export class SignalDiagnostics {
  readonly good = new Map<string, number>();
  readonly bad = new Map<string, number>();
  readonly fires = new Map<string, [good: number, bad: number]>();
  /** Sorted signal kinds (with polarity for two-way kinds) of a generation → [good, bad]. */
  readonly patterns = new Map<string, Map<string, [number, number]>>();

  add(product: string, signals: readonly Signal[], good: boolean): void {
    const m = good ? this.good : this.bad;
    m.set(product, (m.get(product) ?? 0) + 1);
    const kinds = [...new Set(signals.map(featureOf))].sort();
    for (const k of kinds) {
      const key = `${product}\t${k}`;
      let c = this.fires.get(key);
      if (c === undefined) this.fires.set(key, (c = [0, 0]));
      c[good ? 0 : 1]++;
    }
    let p = this.patterns.get(product);
    if (p === undefined) this.patterns.set(product, (p = new Map<string, [number, number]>()));
    const key = kinds.join(',');
    let c = p.get(key);
    if (c === undefined) p.set(key, (c = [0, 0]));
    c[good ? 0 : 1]++;
  }

  /** One row per product and signal kind: fires on good / bad, LLR, and the configured strength. */
  table(contexts: (product: string) => ProductContext): Record<string, unknown>[] {
    const rows: Record<string, unknown>[] = [];
    const products = [...new Set([...this.good.keys(), ...this.bad.keys()])].sort();
    for (const product of products) {
      const ng = this.good.get(product) ?? 0;
      const nb = this.bad.get(product) ?? 0;
      const ctx = contexts(product);
      for (const feature of FEATURES) {
        const [fg, fb] = this.fires.get(`${product}\t${feature}`) ?? [0, 0];
        if (fg + fb === 0) continue;
        // Add-half smoothing: a kind seen only on one side gets a large but finite ratio.
        const llr = Math.log((fg + 0.5) / (ng + 1) / ((fb + 0.5) / (nb + 1)));
        rows.push({
          product,
          signal: feature,
          on_good: r4(fg / ng),
          on_bad: r4(fb / nb),
          fires: fg + fb,
          llr: r4(llr, 2),
          configured: r4(configuredStrength(ctx, feature), 2),
        });
      }
    }
    return rows;
  }
}

/** The feature a signal stands for: its kind, and for `read_depth` which way it pointed. */
export function featureOf(s: Signal): string {
  return s.kind === 'read_depth' ? `read_depth_${s.polarity === 'positive' ? 'full' : 'shallow'}` : s.kind;
}

const FEATURES = SIGNAL_KINDS.flatMap((k) =>
  k === 'read_depth' ? ['read_depth_full', 'read_depth_shallow'] : [k],
);

function configuredStrength(ctx: ProductContext, feature: string): number {
  const kind = (feature.startsWith('read_depth') ? 'read_depth' : feature) as SignalKind;
  const c = ctx.signals[kind];
  const sign = c.polarity === 'positive' ? 1 : -1;
  return feature === 'read_depth_shallow' ? -sign * c.strength : sign * c.strength;
}

/** Labels a closed session under its context, at the time its buffer closed. */
export function labelClosed(s: ClosedSession): SessionLabels {
  return labelSession(s.events, s.context, { now: s.now });
}

/**
 * Fits log-odds weights of signal-kind indicators on aggregated patterns: a logistic regression
 * weighted by pattern counts, by Newton's method (a few dozen features), with a small ridge
 * penalty so that a feature seen on one side only stays finite.
 */
export function fitPatterns(
  patterns: ReadonlyMap<string, [number, number]>,
  ridge = 1,
  iterations = 30,
): { bias: number; weights: Record<string, number> } {
  const features = [...new Set([...patterns.keys()].flatMap((k) => (k === '' ? [] : k.split(','))))].sort();
  const index = new Map(features.map((f, i) => [f, i + 1]));
  const rows = [...patterns].map(([k, [g, b]]) => ({
    // Column 0 is the bias.
    x: [0, ...(k === '' ? [] : k.split(',').map((f) => index.get(f) as number))],
    g,
    n: g + b,
  }));
  const d = features.length + 1;
  const w = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(d);
    const h = Array.from({ length: d }, () => new Float64Array(d));
    for (let i = 1; i < d; i++) {
      grad[i] = ridge * (w[i] as number);
      (h[i] as Float64Array)[i] = ridge;
    }
    for (const r of rows) {
      let z = 0;
      for (const i of r.x) z += w[i] as number;
      const p = 1 / (1 + Math.exp(-z));
      const e = r.n * p - r.g;
      const v = r.n * p * (1 - p);
      for (const i of r.x) {
        grad[i] = (grad[i] as number) + e;
        const hi = h[i] as Float64Array;
        for (const j of r.x) hi[j] = (hi[j] as number) + v;
      }
    }
    const step = solve(h, grad);
    let change = 0;
    for (let i = 0; i < d; i++) {
      w[i] = (w[i] as number) - (step[i] as number);
      change = Math.max(change, Math.abs(step[i] as number));
    }
    if (change < 1e-6) break;
  }
  return {
    bias: r4(w[0] as number, 2),
    weights: Object.fromEntries(features.map((f, i) => [f, r4(w[i + 1] as number, 2)])),
  };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]!;
    if (pivot === 0) continue;
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]! - f * m[c]![k]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * (x[k] as number);
    x[r] = m[r]![r]! === 0 ? 0 : s / m[r]![r]!;
  }
  return x;
}
