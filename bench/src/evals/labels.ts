import { parseArgs } from 'node:util';
import { simulate } from '@tacit/simulator';
import { AucCounter } from '../lib/auc.ts';
import { featureOf, fitPatterns, LabelTally, labelClosed, SignalDiagnostics } from '../lib/label-eval.ts';
import { builtinFor, contextChooser, sessionStream, type StreamStats } from '../lib/sim-stream.ts';
import type { ProductContext } from '@tacit/core/context';
import type { Signal } from '@tacit/core/signals';
import type { Task } from '../runner.ts';

const PRODUCTS = ['chat', 'code', 'writing', 'support', 'mixed'] as const;

/**
 * Labels simulated traffic and scores the labels against the simulator's hidden truth.
 *
 * Streams `simulate({ seed, sessions, product })`, groups events into sessions as a worker would
 * (`sessionStream`: a buffer per open session, closed after its inactivity window plus a settle
 * time in delivery time), labels each session under the built-in context of its content type (or
 * `--context`), and compares every generation's label with its truth `good`:
 *
 * - `auc`: AUC of P(good) against `good` over labeled generations;
 * - `coverage`: labeled generations / all generations, where labeled = at least one piece of
 *   evidence (a signal; equivalently a grade that is not null);
 * - `thumbs_auc`, `thumbs_coverage`: the baseline a product without Tacit has — the user's last
 *   explicit feedback on a generation (thumb up/down, or a score in the top/bottom 40 % of its
 *   scale: the `feedback_up`/`feedback_down` signals), as a 1/0 score; AUC over the generations it
 *   covers (with a binary score, the mean of its true-positive and true-negative rates);
 * - `train_precision`: of generations routed to `train`, the share whose label agrees with the
 *   truth (P(good) > 0.5 ⇔ good).
 */
export const task: Task = {
  describe:
    'labels vs simulator truth: {auc, thumbs_auc, coverage, train_precision} [--seed --sessions --product --context FILE --set PATH=VALUE --diagnostics --fit --fit-on SEED]',
  run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        seed: { type: 'string' },
        sessions: { type: 'string' },
        product: { type: 'string' },
        context: { type: 'string' },
        'settle-minutes': { type: 'string' },
        diagnostics: { type: 'boolean' },
        fit: { type: 'boolean' },
        'fit-on': { type: 'string' },
        set: { type: 'string', multiple: true },
      },
    });
    const seed = Number(values.seed ?? 1);
    const sessions = Number(values.sessions ?? 30_000);
    const product = values.product ?? 'mixed';
    if (!(PRODUCTS as readonly string[]).includes(product))
      throw new Error(`--product: expected one of ${PRODUCTS.join(', ')}, got ${product}`);
    const context = contextChooser(values.context, values.set ?? []);
    const tallies = new Map<string, LabelTally>();
    const all = new LabelTally();
    const diagnostics = new SignalDiagnostics();
    const tallyOf = (p: string) => {
      let t = tallies.get(p);
      if (t === undefined) tallies.set(p, (t = new LabelTally()));
      return t;
    };
    const start = performance.now();
    // The ceiling for this form of model: per-product weights of the signal kinds fitted on another
    // seed's truth (a logistic regression), applied to this seed's signals.
    const fitted =
      values['fit-on'] !== undefined
        ? fitOn(Number(values['fit-on']), sessions, product, context)
        : undefined;
    const fittedAuc = new AucCounter();
    const stats: StreamStats = { events: 0, sessions: 0, peakOpenSessions: 0, lateAfterClose: 0 };
    const stream = sessionStream(
      simulate({ seed, sessions, product: product as (typeof PRODUCTS)[number] }),
      {
        truth: true,
        context,
        ...(values['settle-minutes'] !== undefined
          ? { settleMs: Number(values['settle-minutes']) * 60_000 }
          : {}),
      },
      stats,
    );
    let done = 0;
    for (const s of stream) {
      const result = labelClosed(s);
      const labels = new Map(result.labels.map((l) => [l.generationId, l]));
      const signals = new Map<string, Signal[]>();
      for (const sig of result.signals) {
        if (sig.generationId === undefined) continue;
        const list = signals.get(sig.generationId);
        if (list) list.push(sig);
        else signals.set(sig.generationId, [sig]);
      }
      for (const g of s.truth?.generations ?? []) {
        const label = labels.get(g.generationId);
        const sigs = signals.get(g.generationId) ?? [];
        all.add(label, sigs, g.good, s.context.prior);
        tallyOf(g.contentType).add(label, sigs, g.good, s.context.prior);
        if (values.diagnostics === true || values.fit === true) diagnostics.add(g.contentType, sigs, g.good);
        if (fitted !== undefined && label?.grade != null) {
          const f = fitted.get(g.contentType);
          let z = f?.bias ?? 0;
          for (const k of new Set(sigs.map(featureOf))) z += f?.weights[k] ?? 0;
          fittedAuc.add(z, g.good);
        }
      }
      if (++done % 10_000 === 0) io.log(`${done} sessions labelled`);
    }
    const seconds = (performance.now() - start) / 1000;
    const out: Record<string, unknown> = {
      ...all.summary(),
      seed,
      sessions: done,
      events: stats.events,
      product,
      context: values.context ?? 'builtin by content type',
      late_after_close: stats.lateAfterClose,
      seconds: Number(seconds.toFixed(1)),
    };
    if (fitted !== undefined) out.fitted_auc = Number(fittedAuc.auc().toFixed(4));
    const per: Record<string, Record<string, number>> = {};
    for (const [p, t] of [...tallies].sort()) per[p] = t.summary();
    if (tallies.size > 1) out.by_product = per;
    io.log(
      '| product | auc | thumbs auc | coverage | thumbs coverage | train precision | train | review | discard |',
    );
    io.log('|---|---|---|---|---|---|---|---|---|');
    for (const [p, r] of Object.entries({ ...per, all: all.summary() }))
      io.log(
        `| ${p} | ${r.auc} | ${r.thumbs_auc} | ${r.coverage} | ${r.thumbs_coverage} | ${r.train_precision} | ${r.train_share} | ${r.review_share} | ${r.discard_share} |`,
      );
    const contextOf = (p: string) => context(builtinFor(p));
    if (values.diagnostics === true) {
      io.log('\nper signal: share of good / bad generations it fires on, empirical LLR, configured strength');
      io.log('| product | signal | on good | on bad | fires | llr | configured |');
      io.log('|---|---|---|---|---|---|---|');
      const rows = diagnostics.table(contextOf);
      for (const row of rows)
        io.log(
          `| ${String(row.product)} | ${String(row.signal)} | ${String(row.on_good)} | ${String(row.on_bad)} | ${String(row.fires)} | ${String(row.llr)} | ${String(row.configured)} |`,
        );
      out.signals = rows;
    }
    if (values.fit === true) {
      const fits: Record<string, unknown> = {};
      for (const [p, patterns] of diagnostics.patterns) {
        const f = fitPatterns(patterns);
        fits[p] = f;
        io.log(`fit ${p}: bias ${f.bias} ${JSON.stringify(f.weights)}`);
      }
      out.fit = fits;
    }
    return Promise.resolve(out);
  },
};

/** Per-product weights of signal kinds fitted on the truth of a run with another seed. */
function fitOn(
  seed: number,
  sessions: number,
  product: string,
  context: (contentType: string | undefined) => ProductContext,
): Map<string, { bias: number; weights: Record<string, number> }> {
  const d = new SignalDiagnostics();
  const stream = sessionStream(simulate({ seed, sessions, product: product as (typeof PRODUCTS)[number] }), {
    truth: true,
    context,
  });
  for (const s of stream) {
    const result = labelClosed(s);
    for (const g of s.truth?.generations ?? [])
      d.add(
        g.contentType,
        result.signals.filter((x) => x.generationId === g.generationId),
        g.good,
      );
  }
  return new Map([...d.patterns].map(([p, patterns]) => [p, fitPatterns(patterns)]));
}
