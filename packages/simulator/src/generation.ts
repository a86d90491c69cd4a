import type { ChatMessage } from '@tacit/core';
import { isoTime } from './clock.ts';
import { baseLogit, sigmoid } from './quality.ts';
import type { Gen, SessionSim, TaskState } from './session.ts';
import type { GenerationTruth } from './truth.ts';

/** The prompt of a generation: chat messages (with the task's last exchange), or text for code. */
export function promptFor(sim: SessionSim, text: string, task: TaskState): string | ChatMessage[] {
  if (sim.product === 'code') {
    const file = task.phrasing.slots.fn ?? 'index';
    const ext = task.phrasing.slots.lang === 'Python' ? 'py' : 'ts';
    return `${sim.system}\n\nFile: src/${file}.${ext}\n\n${text}`;
  }
  const messages: ChatMessage[] = [{ role: 'system', content: sim.system }];
  if (task.last !== undefined) {
    messages.push(
      { role: 'user', content: task.last.user },
      { role: 'assistant', content: task.last.output },
    );
  }
  messages.push({ role: 'user', content: text });
  return messages;
}

/** The model answers: hidden quality, the user's perception of it, and the generation event. */
export function generate(
  sim: SessionSim,
  taskIndex: number,
  task: TaskState,
  parentId?: string,
  reservedId?: string,
): Gen {
  const cfg = sim.world.cfg;
  const rng = sim.rng;
  const id = reservedId ?? sim.reserveGenerationId();
  const base = baseLogit(
    sim.model,
    sim.prompt,
    sim.product,
    sim.t,
    sim.world.degradeFrom.get(sim.model.version),
  );
  // Rounded once, so that the truth file's quality and good agree exactly.
  const logit = base.logit + task.familyEffect + task.difficulty + rng.normal() * cfg.quality.generationSd;
  const quality = Math.round(sigmoid(logit) * 10000) / 10000;
  const good = quality >= cfg.quality.goodThreshold;
  const perceived =
    cfg.quality.perceptionSharpness * (quality - cfg.quality.goodThreshold) + sim.user.leniency;
  const satisfied = rng.chance(sigmoid(perceived));
  const answer = task.family.answer(rng, task.phrasing.slots, quality);
  // An answer to a follow-up acknowledges it, so it differs from the answer it builds on.
  const output = task.step > 0 && task.attempt === 0 ? `${rng.pick(sim.text.acks)}\n\n${answer}` : answer;
  const latency = rng.lognormal(sim.model.latencyMs, 0.45) + output.length * 4;
  sim.wait(latency);
  const promptChars =
    typeof task.prompt === 'string'
      ? task.prompt.length
      : task.prompt.reduce((n, m) => n + m.content.length, 0);
  const inputTokens = Math.ceil(promptChars / 4);
  const outputTokens = Math.ceil(output.length / 4);
  sim.emit(
    'generation',
    {
      prompt: task.prompt,
      output,
      model: sim.model.model,
      modelVersion: sim.model.version,
      promptVersion: sim.prompt.version,
      ...(parentId !== undefined ? { parentId } : {}),
      messageId: task.messageId,
      latencyMs: Math.round(latency),
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
      contentType: sim.product,
    },
    id,
  );
  sim.generations++;
  const truth: GenerationTruth = {
    kind: 'generation',
    generationId: id,
    sessionId: sim.sessionId,
    userId: sim.user.id,
    ts: isoTime(sim.t),
    model: sim.model.model,
    modelVersion: sim.model.version,
    promptVersion: sim.prompt.version,
    contentType: sim.product,
    taskType: task.family.name,
    quality,
    good,
    satisfied,
    degraded: base.degraded,
    task: taskIndex,
    step: task.step,
    attempt: task.attempt,
    ...(parentId !== undefined ? { parentId } : {}),
    messageId: task.messageId,
    reaction: 'proceeded',
  };
  sim.truth.push(truth);
  return { id, output, quality, satisfied, truth };
}
