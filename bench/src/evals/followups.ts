import { parseArgs } from 'node:util';
import { sessionize } from '@tacit/core/sessionize';
import { buildView, createFollowUpClassifier, type FollowUpKind } from '@tacit/core/signals';
import { simulate, type MessageRelation } from '@tacit/simulator';
import { labelClosed } from '../lib/label-eval.ts';
import { contextChooser, sessionStream } from '../lib/sim-stream.ts';
import type { Task } from '../runner.ts';

const PRODUCTS = ['chat', 'code', 'writing', 'support', 'mixed'] as const;

/** The three follow-up relations a detector reports, by the simulator's name and by the signal's. */
const RELATIONS = [
  ['rephrase', 'rephrase_retry', 'rephrase'],
  ['correction', 'correction_followup', 'correction'],
  ['builds_on', 'builds_on_followup', 'builds_on'],
] as const satisfies readonly (readonly [MessageRelation, string, FollowUpKind])[];

type Relation = MessageRelation | 'related' | 'none';

/** A confusion matrix of truth × detected relation, with precision and recall per relation. */
class Confusion {
  readonly cells = new Map<string, number>();
  add(truth: Relation, detected: Relation): void {
    const k = `${truth}>${detected}`;
    this.cells.set(k, (this.cells.get(k) ?? 0) + 1);
  }
  count(truth: Relation | '*', detected: Relation | '*'): number {
    let n = 0;
    for (const [k, v] of this.cells) {
      const [t, d] = k.split('>');
      if ((truth === '*' || t === truth) && (detected === '*' || d === detected)) n += v;
    }
    return n;
  }
  scores(r: MessageRelation): { precision: number; recall: number; f1: number; n: number } {
    const tp = this.count(r, r);
    const p = tp / this.count('*', r);
    const rc = tp / this.count(r, '*');
    const f1 = (2 * p * rc) / (p + rc);
    const q = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : 0);
    return { precision: q(p), recall: q(rc), f1: q(f1), n: this.count(r, '*') };
  }
  matrix(): Record<string, Record<string, number>> {
    const rows: Relation[] = ['rephrase', 'correction', 'builds_on', 'new_task'];
    const cols: Relation[] = ['rephrase', 'correction', 'builds_on', 'related', 'new_task', 'none'];
    return Object.fromEntries(
      rows.map((t) => [t, Object.fromEntries(cols.map((d) => [d, this.count(t, d)]))]),
    );
  }
}

/**
 * Follow-up detection on simulated traffic: every user message after the first of its session has
 * a hidden relation to the one before it (`rephrase`, `correction`, `builds_on`, `new_task`).
 * Two levels are scored:
 *
 * - `signals` (the keys at the top level): what the labels use — a `rephrase_retry`,
 *   `correction_followup` or `builds_on_followup` signal naming the message (`details.messageId`);
 *   a message with none of them is `none` (a new topic, a `proceeded`, or a follow-up outside the
 *   signal's time window or with no answer shown);
 * - `verdicts`: the follow-up classifier's decision on every consecutive pair of messages, before
 *   time windows (`new_topic` counts as `new_task`; `related` — same topic, no cue — is its own
 *   column and emits no signal).
 */
export const task: Task = {
  describe:
    'follow-up detection (rephrase, correction, builds_on) vs simulator truth [--seed --sessions --product]',
  run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        seed: { type: 'string' },
        sessions: { type: 'string' },
        product: { type: 'string' },
        context: { type: 'string' },
      },
    });
    const seed = Number(values.seed ?? 1);
    const sessions = Number(values.sessions ?? 30_000);
    const product = values.product ?? 'mixed';
    if (!(PRODUCTS as readonly string[]).includes(product))
      throw new Error(`--product: expected one of ${PRODUCTS.join(', ')}, got ${product}`);
    const signals = new Confusion();
    const verdicts = new Confusion();
    const byProduct = new Map<string, Confusion>();
    const stream = sessionStream(
      simulate({ seed, sessions, product: product as (typeof PRODUCTS)[number] }),
      { truth: true, context: contextChooser(values.context) },
    );
    let done = 0;
    for (const s of stream) {
      const truth = new Map((s.truth?.messages ?? []).map((m) => [m.messageId, m.relation]));
      const result = labelClosed(s);
      const detected = new Map<string, Relation>();
      for (const sig of result.signals) {
        const rel = RELATIONS.find(([, kind]) => kind === sig.kind)?.[0];
        const id = sig.details?.messageId;
        if (rel !== undefined && typeof id === 'string') detected.set(id, rel);
      }
      const ct = s.truth?.session?.contentType ?? 'chat';
      let per = byProduct.get(ct);
      if (per === undefined) byProduct.set(ct, (per = new Confusion()));
      // The classifier on every consecutive pair, as the view builds them.
      const rr = s.context.signals.rephrase_retry;
      const session = sessionize(s.events, {
        now: s.now,
        inactivityMs: s.context.session.inactivityMinutes * 60_000,
        maxSkewMs: s.context.session.maxClockSkewSeconds * 1000,
      });
      const view = buildView(session, s.context, {
        classifier: createFollowUpClassifier({
          rephrase: rr.threshold,
          embeddingRephrase: rr.embeddingThreshold,
        }),
      });
      for (const f of view.followUps) {
        const t = truth.get(f.next.id);
        if (t === undefined) continue;
        const d = f.verdict.kind === 'new_topic' ? 'new_task' : f.verdict.kind;
        verdicts.add(t, d);
        const sd = detected.get(f.next.id) ?? 'none';
        signals.add(t, sd);
        per.add(t, sd);
      }
      if (++done % 10_000 === 0) io.log(`${done} sessions`);
    }
    const out: Record<string, unknown> = {};
    for (const [rel] of RELATIONS) {
      const s = signals.scores(rel);
      out[`${rel}_precision`] = s.precision;
      out[`${rel}_recall`] = s.recall;
      out[`${rel}_f1`] = s.f1;
      out[`${rel}_n`] = s.n;
    }
    out.verdicts = Object.fromEntries(RELATIONS.map(([rel]) => [rel, verdicts.scores(rel)]));
    out.by_product = Object.fromEntries(
      [...byProduct]
        .sort()
        .map(([p, c]) => [p, Object.fromEntries(RELATIONS.map(([rel]) => [rel, c.scores(rel)]))]),
    );
    out.signal_confusion = signals.matrix();
    out.verdict_confusion = verdicts.matrix();
    out.seed = seed;
    out.sessions = done;
    out.product = product;
    io.log('truth \\ signal: ' + JSON.stringify(signals.matrix()));
    io.log('truth \\ verdict: ' + JSON.stringify(verdicts.matrix()));
    return Promise.resolve(out);
  },
};
