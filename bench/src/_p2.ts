import { sessionize } from '@tacit/core/sessionize';
import { buildView, createFollowUpClassifier } from '@tacit/core/signals';
import { simulate } from '@tacit/simulator';
import { sessionStream } from './lib/sim-stream.ts';
const want = process.argv[2] ?? 'rephrase>new_topic';
const seen = new Map<string, number>();
for (const s of sessionStream(simulate({ seed: 5, sessions: 5000 }), { truth: true })) {
  const truth = new Map((s.truth?.messages ?? []).map((m) => [m.messageId, m.relation]));
  const rr = s.context.signals.rephrase_retry;
  const view = buildView(sessionize(s.events, { now: s.now }), s.context, {
    classifier: createFollowUpClassifier({
      rephrase: rr.threshold,
      embeddingRephrase: rr.embeddingThreshold,
    }),
  });
  for (const f of view.followUps) {
    const k = `${truth.get(f.next.id)}>${f.verdict.kind}`;
    if (k !== want) continue;
    const text = (m: typeof f.next) =>
      m.event.event.type === 'message' ? m.event.event.properties.text : '';
    const key = `[${s.context.name}] ${f.verdict.similarity.toFixed(2)} ${f.verdict.cues.join('|')}\n   A: ${text(f.previous)}\n   B: ${text(f.next)}`;
    const b = `[${s.context.name}] ${text(f.next).slice(0, 30)}`;
    seen.set(b, (seen.get(b) ?? 0) + 1);
    if (seen.get(b) === 1 && seen.size <= 30) console.log(key);
  }
}
console.log(
  [...seen]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, v]) => `${v} ${k}`)
    .join('\n'),
);
