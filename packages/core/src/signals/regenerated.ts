import type { TimedEvent } from '../sessionize/index.ts';
import { replayEdits } from './edit-replay.ts';
import { DOWNSTREAM_TYPES } from './downstream.ts';
import { emit, type Detector } from './emit.ts';
import type { Signal } from './types.ts';
import type { GenerationView, SessionView } from './view.ts';

/** The events that confirm a generation was kept: moved downstream, or accepted and not undone. */
function confirmations(g: GenerationView): TimedEvent[] {
  const accepted = new Set(replayEdits(g).standing);
  return g.actions.filter((t) => DOWNSTREAM_TYPES.has(t.event.type) || accepted.has(t));
}

/**
 * The follow-up that shows the user went on with this generation: a message building on it. A new
 * topic does not confirm it: after a chain of regenerations, moving on is as often giving up.
 */
function builtOn(view: SessionView, g: GenerationView): TimedEvent | undefined {
  return view.followUps.find((x) => x.answer === g && x.verdict.kind === 'builds_on')?.next.event;
}

/** The regenerate events and child generations that replaced a generation. */
function replacements(view: SessionView, g: GenerationView): TimedEvent[] {
  const out = g.actions.filter((t) => t.event.type === 'regenerate');
  for (const id of g.children) {
    const shown = view.generations.get(id)?.shown;
    if (shown) out.push(shown);
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * `regenerated`: the user asked for another output instead of this one. Strong negative before any
 * downstream action; after a copy or accept it is weaker (the user wanted alternatives), by
 * `afterDownstreamFactor`.
 *
 * `regeneration_kept`: in a chain of regenerations, the last one the user confirmed (copied,
 * shared, exported, accepted, or built on with a follow-up) while another member of the chain had
 * been shown; `details.rejected` lists the ones shown by then, which it beat: a preference pair. A
 * chain that ends without such a confirmation keeps nothing (regenerate then abandon, also after
 * copying from the first answer: the copy was made before there was anything to choose from).
 */
export const detectRegenerated: Detector = (view) => {
  const out: Signal[] = [];
  const cfg = view.context.signals.regenerated;
  for (const g of view.ordered) {
    const repl = replacements(view, g);
    if (repl.length === 0) continue;
    const first = (repl[0] as TimedEvent).at;
    const before = confirmations(g).some((t) => t.at <= first);
    const s = emit(view, 'regenerated', {
      generationId: g.id,
      evidence: repl,
      ...(before ? { strength: cfg.strength * cfg.afterDownstreamFactor } : {}),
      details: { afterDownstream: before, replacedBy: g.children },
    });
    if (s) out.push(s);
  }
  // Chains: from each root (a regenerated generation without a parent in the session).
  for (const root of view.ordered) {
    if (root.children.length === 0) continue;
    if (root.parentId !== undefined && view.generations.has(root.parentId)) continue;
    const family: GenerationView[] = [];
    const queue = [root];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const g = queue.shift() as GenerationView;
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      family.push(g);
      for (const id of g.children) {
        const c = view.generations.get(id);
        if (c) queue.push(c);
      }
    }
    let kept: { g: GenerationView; by: TimedEvent[]; last: number } | undefined;
    for (const g of family) {
      const next = builtOn(view, g);
      // A confirmation is a choice only once an alternative had been shown: copying an answer,
      // then asking for another one, keeps nothing (regenerate then abandon).
      const by = [...confirmations(g), ...(next ? [next] : [])].filter((t) =>
        family.some((o) => o !== g && o.at <= t.at),
      );
      if (by.length === 0) continue;
      const last = Math.max(...by.map((t) => t.at));
      if (kept === undefined || last >= kept.last) kept = { g, by, last };
    }
    if (kept === undefined) continue;
    const { g: keptG, last } = kept;
    // It beat the alternatives the user had seen when choosing it, not those shown afterwards.
    const rejected = family.filter((g) => g !== keptG && g.at <= last).map((g) => g.id);
    const s = emit(view, 'regeneration_kept', {
      generationId: keptG.id,
      evidence: kept.by,
      details: { rejected, regenerations: family.length - 1 },
    });
    if (s) out.push(s);
  }
  return out;
};
