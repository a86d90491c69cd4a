import type { ProductContext } from '../context/schema.ts';
import type { GenerationLabel } from '../labels/label.ts';
import { SessionIndex, type GenerationInfo } from './session-index.ts';
import type { EvalExample, LabeledSession, Prompt } from './types.ts';

export interface ExampleOptions {
  /** Include generations of sessions still open (their labels may change). Default false. */
  includeOpen?: boolean;
}

/** The task's final phrasing for a generation, and the answer the user accepted there. */
export interface FinalPhrasing {
  messageId?: string;
  finalMessageId?: string;
  reformulations: number;
  prompt: Prompt;
  policy: 'final_phrasing' | 'original';
  /** The answer to the final phrasing the user accepted (P(good) ≥ 0.5, accepted or lightly edited). */
  accepted?: GenerationInfo;
}

const ACCEPTED_GRADES = new Set(['accepted', 'minor_edit']);

/** The answer to a message the user accepted, if any: the best-labelled one. */
export function acceptedAnswer(ix: SessionIndex, messageId: string): GenerationInfo | undefined {
  let best: { g: GenerationInfo; l: GenerationLabel } | undefined;
  for (const id of ix.answersTo(messageId)) {
    const g = ix.generations.get(id);
    const l = ix.labels.get(id);
    if (g === undefined || l === undefined || l.pGood < 0.5 || !ACCEPTED_GRADES.has(l.grade ?? '')) continue;
    if (best === undefined || l.pGood >= best.l.pGood) best = { g, l };
  }
  return best?.g;
}

/**
 * The prompt policy: an example's prompt is the user's *final* phrasing of the task after retries
 * (the prompt of the answer they accepted there, else of the last answer, else the message's
 * text), because that is what they meant; without a retry, the generation's own prompt.
 */
export function finalPhrasing(ix: SessionIndex, g: GenerationInfo): FinalPhrasing {
  const own: FinalPhrasing = { reformulations: 0, prompt: g.prompt, policy: 'original' };
  if (!ix.hasRetries) return own;
  const messageId = ix.messageOf(g.id);
  if (messageId === undefined) return own;
  const c = ix.chain(messageId);
  if (c.reformulations === 0) return { ...own, messageId };
  const accepted = acceptedAnswer(ix, c.last);
  const lastAnswer = ix.answersTo(c.last).at(-1);
  const source = accepted ?? (lastAnswer !== undefined ? ix.generations.get(lastAnswer) : undefined);
  const prompt = c.last === messageId ? g.prompt : (source?.prompt ?? ix.messageText(c.last) ?? g.prompt);
  return {
    messageId,
    finalMessageId: c.last,
    reformulations: c.reformulations,
    prompt,
    policy: 'final_phrasing',
    ...(accepted ? { accepted } : {}),
  };
}

/** `dimension=value` cohorts of a generation: model, versions, content type, app version, cohort attributes. */
export function cohortsOf(g: GenerationInfo, label: GenerationLabel | undefined): string[] {
  const out: string[] = [];
  const p = g.event.properties;
  out.push(`model=${p.model}`);
  if (p.modelVersion !== undefined) out.push(`modelVersion=${p.modelVersion}`);
  if (p.promptVersion !== undefined) out.push(`promptVersion=${p.promptVersion}`);
  const contentType = label?.contentType ?? p.contentType ?? g.event.context?.contentType;
  if (contentType !== undefined) out.push(`contentType=${contentType}`);
  const ctx = g.event.context;
  if (ctx?.appVersion !== undefined) out.push(`appVersion=${ctx.appVersion}`);
  for (const [k, v] of Object.entries(ctx?.cohort ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))
    out.push(`cohort.${k}=${v}`);
  return out;
}

/** The user's final text for a generation, when an edit still in effect carries it. */
export function editedText(
  ix: SessionIndex,
  generationId: string,
): { text: string; eventId: string } | undefined {
  for (const s of ix.signalsOf(generationId)) {
    if (!s.kind.startsWith('edit_')) continue;
    const id = s.evidence[0];
    const e = id !== undefined ? ix.event(id) : undefined;
    if (e?.type === 'edit' && e.properties.text !== undefined)
      return { text: e.properties.text, eventId: e.id };
  }
  return undefined;
}

/**
 * The eval examples of one labeled session: one per labelled generation (with evidence), with
 * the final phrasing as prompt, binary and graded label, confidence, slice tags, and provenance.
 *
 * @example
 * const labels = labelSession(events, ctx, { now });
 * for (const ex of evalExamples({ events, labels }, ctx)) write(ex);
 */
export function evalExamples(
  session: LabeledSession,
  context: ProductContext,
  options: ExampleOptions = {},
): EvalExample[] {
  const ix = new SessionIndex(session, context);
  const out: EvalExample[] = [];
  for (const label of session.labels.labels) {
    if (label.grade === null || (!label.final && options.includeOpen !== true)) continue;
    const g = ix.generations.get(label.generationId);
    if (g === undefined) continue;
    out.push(exampleOf(ix, g, label));
  }
  return out;
}

/** The example of one generation of an indexed session. */
export function exampleOf(ix: SessionIndex, g: GenerationInfo, label: GenerationLabel): EvalExample {
  const signals = ix.signalsOf(g.id);
  const fp = finalPhrasing(ix, g);
  const edit = editedText(ix, g.id);
  const reference =
    edit?.text ?? (fp.accepted !== undefined && fp.accepted.id !== g.id ? fp.accepted.output : undefined);
  const cohorts = cohortsOf(g, label);
  const kinds = [...new Set(signals.map((s) => s.kind))].sort();
  const polarities = new Set(signals.map((s) => s.polarity));
  const mixed = label.mixed || polarities.size > 1;
  const followUps: string[] = [];
  for (const s of signals) {
    const m = s.details?.messageId;
    if ((s.kind === 'rephrase_retry' || s.kind === 'correction_followup') && typeof m === 'string') {
      const text = ix.messageText(m);
      if (text !== undefined) followUps.push(text);
    }
    for (const id of s.evidence) {
      const e = ix.event(id);
      if (e?.type === 'feedback' && e.properties.comment !== undefined) followUps.push(e.properties.comment);
    }
  }
  const good = label.pGood >= 0.5;
  const slices = [
    ...cohorts,
    `label=${good ? 'good' : 'bad'}`,
    ...(label.grade !== null ? [`grade=${label.grade}`] : []),
    ...kinds.map((k) => `signal=${k}`),
    ...(fp.reformulations > 0
      ? [`reformulations=${Math.min(fp.reformulations, 3)}${fp.reformulations >= 3 ? '+' : ''}`]
      : []),
    ...(mixed ? ['mixed'] : []),
  ];
  const p = g.event.properties;
  return {
    id: `ex:${g.id}`,
    prompt: fp.prompt,
    promptPolicy: fp.policy,
    ...(fp.prompt !== g.prompt ? { originalPrompt: g.prompt } : {}),
    response: g.output,
    label: {
      good,
      pGood: Number(label.pGood.toFixed(4)),
      grade: label.grade,
      confidence: Number(label.confidence.toFixed(4)),
      route: label.route,
      mixed: label.mixed,
    },
    slices,
    at: ix.clientTime([g.event.id], label.at),
    ...(reference !== undefined
      ? { reference, referenceSource: edit ? ('edit' as const) : ('retry' as const) }
      : {}),
    features: {
      reformulations: fp.reformulations,
      behaviour: ix.behaviour(g.id),
      cohorts,
      followUps,
      mixed,
    },
    provenance: {
      sessionId: ix.sessionId,
      generationId: g.id,
      ...(fp.messageId !== undefined ? { messageId: fp.messageId } : {}),
      ...(fp.finalMessageId !== undefined ? { finalMessageId: fp.finalMessageId } : {}),
      signals: signals.map((s) => SessionIndex.evidence(s)),
      contextHash: label.contextHash,
      contextVersion: label.contextVersion,
      model: p.model,
      ...(p.modelVersion !== undefined ? { modelVersion: p.modelVersion } : {}),
      ...(p.promptVersion !== undefined ? { promptVersion: p.promptVersion } : {}),
      ...(label.contentType !== undefined ? { contentType: label.contentType } : {}),
    },
  };
}
