import type { Gen, SessionSim, TaskOutcome, TaskState } from './session.ts';
import { editWords } from './text/edit.ts';
import { buildsOn, correction, rephrase, type MessageRelation } from './text/phrasing.ts';

/** What happens after a user reacted to an answer. */
export type Next =
  | { kind: 'done'; outcome: TaskOutcome }
  | { kind: 'regenerate'; newId: string }
  | { kind: 'message'; text: string; relation: MessageRelation };

type Retry = 'regenerate' | 'rephrase' | 'correction';
const NEGATIVE = [
  'regenerate',
  'rephrase',
  'correction',
  'undo',
  'majorEdit',
  'overwrite',
  'backNavigation',
  'escalate',
  'abandon',
  'ignore',
] as const;
type Negative = (typeof NEGATIVE)[number];
const RETRIES: readonly Negative[] = ['regenerate', 'rephrase', 'correction'];

/** Normalises feedback so that `feedback.rate` is about the share of generations with a thumb. */
const OPINION_NORM = 0.38;

/**
 * The user's reaction to one answer: read it, perhaps give feedback, then act as a satisfied or
 * a dissatisfied user of this product would (or, now and then, change their mind).
 */
export function react(sim: SessionSim, task: TaskState, gen: Gen): Next {
  const rng = sim.rng;
  sim.view(gen);
  feedback(sim, gen);
  if (gen.satisfied && task.retriesLeft > 0 && rng.chance(sim.world.cfg.noise.changeOfMind)) {
    gen.truth.noise = 'changed_mind';
    return retry(sim, task, gen, chooseRetry(sim));
  }
  return gen.satisfied ? satisfied(sim, task, gen) : dissatisfied(sim, task, gen);
}

/** How clearly good or bad an answer is, 0 (borderline) to 1. */
function intensity(sim: SessionSim, gen: Gen): number {
  const threshold = sim.world.cfg.quality.goodThreshold;
  const d = gen.quality - threshold;
  return d >= 0 ? d / (1 - threshold || 1) : -d / (threshold || 1);
}

function satisfied(sim: SessionSim, task: TaskState, gen: Gen): Next {
  const rng = sim.rng;
  const b = sim.behaviour.satisfied;
  const user = sim.user;
  // The better the answer, the likelier it is used downstream.
  const use = 0.75 + 0.5 * intensity(sim, gen);
  const downstream = user.downstream * use;
  let acted = false;
  if (rng.chance(b.accept * use)) {
    sim.wait(rng.lognormal(2000, 0.5));
    sim.emit('accept', { via: acceptVia(sim) }, gen.id);
    acted = true;
    if (rng.chance(Math.min(1, b.customise * (user.editor ? 2.5 : 0.4)))) {
      edit(sim, gen, rng.between(0.02, 0.08));
      gen.truth.reaction = 'customised';
      gen.truth.noise = 'customised';
    }
  }
  if (rng.chance(Math.min(1, b.copy * downstream))) {
    sim.wait(rng.lognormal(2500, 0.5));
    const fraction = rng.chance(0.65) ? 1 : Math.round(rng.between(0.1, 0.6) * 100) / 100;
    sim.emit('copy', { chars: Math.round(gen.output.length * fraction), fraction }, gen.id);
    acted = true;
  }
  if (rng.chance(Math.min(1, b.share * downstream))) {
    sim.wait(rng.lognormal(4000, 0.5));
    sim.emit('share', { channel: rng.pick(['slack', 'email', 'link', 'teams']) }, gen.id);
    acted = true;
  }
  if (rng.chance(Math.min(1, b.export * downstream))) {
    sim.wait(rng.lognormal(4000, 0.5));
    sim.emit('export', exportTarget(sim), gen.id);
    acted = true;
  }
  if (rng.chance(b.deeper)) {
    sim.wait(rng.lognormal(3000, 0.5));
    sim.emit('navigate', { direction: 'deeper', url: linkOf(gen.output, task) }, gen.id);
    acted = true;
    // A satisfied reader stays a while; some come back to the conversation.
    if (rng.chance(0.5)) {
      sim.wait(rng.between(60_000, 6 * 60_000));
      sim.emit('navigate', { direction: 'back' }, gen.id);
    }
  }
  if (gen.truth.reaction !== 'customised') gen.truth.reaction = acted ? 'accepted' : 'proceeded';
  if (task.step < sim.behaviour.maxFollowUps && rng.chance(b.buildsOn)) {
    if (gen.truth.reaction !== 'customised') gen.truth.reaction = 'built_on';
    sim.wait(rng.lognormal(4000, 0.6));
    return { kind: 'message', text: buildsOn(rng, sim.text, task.phrasing), relation: 'builds_on' };
  }
  return { kind: 'done', outcome: 'succeeded' };
}

function dissatisfied(sim: SessionSim, task: TaskState, gen: Gen): Next {
  const rng = sim.rng;
  const w = sim.behaviour.unsatisfied;
  // Mildly bad answers are often let go; clearly bad ones are retried or rejected.
  const strength = intensity(sim, gen);
  const weights = NEGATIVE.map((k) => {
    const base = k === 'ignore' ? w[k] * (1.5 - strength) : w[k];
    if (RETRIES.includes(k) && task.retriesLeft <= 0) return 0;
    if (k === 'regenerate') return base * sim.user.regenerateBias;
    if (k === 'rephrase' || k === 'correction') return base * sim.user.rephraseBias;
    return base;
  });
  const choice = weights.some((x) => x > 0) ? (NEGATIVE[rng.weighted(weights)] as Negative) : 'abandon';
  switch (choice) {
    case 'regenerate':
    case 'rephrase':
    case 'correction':
      return retry(sim, task, gen, choice);
    case 'undo': {
      sim.wait(rng.lognormal(1800, 0.5));
      sim.emit('accept', { via: acceptVia(sim) }, gen.id);
      sim.wait(rng.between(800, 6000));
      sim.emit('undo', { via: rng.pick(['keyboard', 'keyboard', 'button']) }, gen.id);
      gen.truth.reaction = 'undone';
      return afterRejection(sim, task, gen, 0.65);
    }
    case 'majorEdit': {
      sim.wait(rng.lognormal(1800, 0.5));
      sim.emit('accept', { via: acceptVia(sim) }, gen.id);
      edit(sim, gen, rng.between(0.2, 0.45));
      gen.truth.reaction = 'major_edit';
      return { kind: 'done', outcome: 'settled' };
    }
    case 'overwrite': {
      if (rng.chance(0.5)) {
        sim.wait(rng.lognormal(1800, 0.5));
        sim.emit('accept', { via: acceptVia(sim) }, gen.id);
      }
      sim.wait(rng.lognormal(90_000, 0.7));
      const own = editWords(rng, task.family.answer(rng, task.phrasing.slots, 0.9), 0.35, sim.text.userWords);
      sim.emit('edit', { text: own }, gen.id);
      gen.truth.reaction = 'overwritten';
      return { kind: 'done', outcome: 'settled' };
    }
    case 'backNavigation': {
      sim.wait(rng.lognormal(2500, 0.5));
      sim.emit('navigate', { direction: 'deeper', url: linkOf(gen.output, task) }, gen.id);
      sim.wait(rng.between(1500, 8000));
      sim.emit('navigate', { direction: 'back' }, gen.id);
      gen.truth.reaction = 'back_navigation';
      return afterRejection(sim, task, gen, 0.6);
    }
    case 'escalate':
      sim.wait(rng.lognormal(5000, 0.6));
      sim.emit('custom', { name: 'escalated_to_human' }, gen.id);
      gen.truth.reaction = 'escalated';
      return { kind: 'done', outcome: 'failed' };
    case 'abandon':
      gen.truth.reaction = 'abandoned';
      return { kind: 'done', outcome: 'abandoned' };
    case 'ignore':
      gen.truth.reaction = 'ignored';
      return { kind: 'done', outcome: 'failed' };
  }
}

/** After an undo or a back-navigation: retry (if patience allows), or give up. */
function afterRejection(sim: SessionSim, task: TaskState, gen: Gen, retryChance: number): Next {
  const rng = sim.rng;
  if (task.retriesLeft > 0 && rng.chance(retryChance)) {
    const reaction = gen.truth.reaction;
    const next = retry(sim, task, gen, chooseRetry(sim));
    gen.truth.reaction = reaction;
    return next;
  }
  return { kind: 'done', outcome: rng.chance(0.5) ? 'abandoned' : 'failed' };
}

function chooseRetry(sim: SessionSim): Retry {
  const w = sim.behaviour.unsatisfied;
  const weights = [
    w.regenerate * sim.user.regenerateBias,
    w.rephrase * sim.user.rephraseBias,
    w.correction * sim.user.rephraseBias,
  ];
  if (!weights.some((x) => x > 0)) return 'rephrase';
  return RETRIES[sim.rng.weighted(weights)] as Retry;
}

function retry(sim: SessionSim, task: TaskState, gen: Gen, how: Retry): Next {
  const rng = sim.rng;
  task.retriesLeft--;
  sim.retries++;
  switch (how) {
    case 'regenerate': {
      gen.truth.reaction = 'regenerated';
      sim.wait(rng.lognormal(2500, 0.6));
      const newId = sim.reserveGenerationId();
      sim.emit('regenerate', { newGenerationId: newId }, gen.id);
      return { kind: 'regenerate', newId };
    }
    case 'rephrase':
      gen.truth.reaction = 'rephrased';
      return { kind: 'message', text: rephrase(rng, task.phrasing), relation: 'rephrase' };
    case 'correction':
      gen.truth.reaction = 'corrected';
      return { kind: 'message', text: correction(rng, sim.text, task.phrasing), relation: 'correction' };
  }
}

/** An edit of the output: sometimes an intermediate snapshot, then the final text. */
function edit(sim: SessionSim, gen: Gen, ratio: number): void {
  const rng = sim.rng;
  const words = sim.text.userWords;
  sim.wait(rng.lognormal(8000 + ratio * 120_000, 0.5));
  if (rng.chance(0.3)) {
    sim.emit('edit', { text: editWords(rng, gen.output, ratio / 2, words) }, gen.id);
    sim.wait(rng.lognormal(10_000, 0.6));
  }
  sim.emit('edit', { text: editWords(rng, gen.output, ratio, words) }, gen.id);
}

/** Explicit feedback: rare, mostly from a few users, likelier for strong (and negative) opinions. */
function feedback(sim: SessionSim, gen: Gen): void {
  const rng = sim.rng;
  const f = sim.world.cfg.feedback;
  const share = sim.world.cfg.users.feedbackGiverShare;
  // 85% of feedback comes from the users who give feedback at all.
  const userFactor =
    share <= 0 ? 1 : share >= 1 ? 1 : sim.user.feedbackGiver ? 0.85 / share : 0.15 / (1 - share);
  const strength = Math.abs(2 * gen.quality - 1);
  const opinion = (0.1 + strength ** f.strongOpinion) * (gen.satisfied ? 1 : f.negativeBoost);
  if (!rng.chance((f.rate * userFactor * opinion) / OPINION_NORM)) return;
  sim.wait(rng.lognormal(3000, 0.6));
  const up = rng.chance(0.03) ? !gen.satisfied : gen.satisfied;
  const properties: Record<string, unknown> = { thumb: up ? 'up' : 'down' };
  if (rng.chance(f.scoreShare)) {
    const score = Math.min(5, Math.max(1, Math.round(1 + 4 * gen.quality + rng.normal() * 0.5)));
    properties.score = up ? Math.max(score, 3) : Math.min(score, 3);
    properties.scale = { min: 1, max: 5 };
  }
  if (rng.chance(f.commentShare))
    properties.comment = rng.pick(up ? sim.text.comments.up : sim.text.comments.down);
  sim.emit('feedback', properties, gen.id);
}

function acceptVia(sim: SessionSim): string {
  switch (sim.product) {
    case 'code':
      return sim.rng.pick(['insert', 'apply', 'tab']);
    case 'writing':
      return 'insert';
    case 'chat':
    case 'support':
      return 'click';
  }
}

function exportTarget(sim: SessionSim): { format: string; destination: string } {
  const rng = sim.rng;
  if (sim.product === 'writing') {
    return {
      format: rng.pick(['docx', 'pdf', 'google-docs']),
      destination: rng.pick(['google-drive', 'download', 'notion']),
    };
  }
  if (sim.product === 'code') return { format: 'gist', destination: 'github' };
  return { format: rng.pick(['markdown', 'pdf']), destination: rng.pick(['download', 'notion']) };
}

function linkOf(output: string, task: TaskState): string {
  const m = /https:\/\/[^\s)]+/.exec(output);
  return m !== null ? m[0] : `https://docs.example.com/${task.family.name}`;
}
