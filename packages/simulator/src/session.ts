import type { ChatMessage, TacitEvent } from '@tacit/core';
import type { ContentType, ModelConfig, ProductConfig, PromptConfig } from './config.ts';
import { isoTime } from './clock.ts';
import { familyEffect } from './quality.ts';
import { generate, promptFor } from './generation.ts';
import { Rng } from './random.ts';
import type { Family, ProductText } from './text/family.ts';
import { PRODUCT_TEXTS } from './text/index.ts';
import { casual, firstMessage, type MessageRelation, type Phrasing } from './text/phrasing.ts';
import type { GenerationTruth, MessageTruth, SessionTruth, TruthRecord } from './truth.ts';
import type { SimUser } from './users.ts';
import type { World } from './world.ts';
import { react } from './reactions.ts';

const SESSION_STREAM = 0x5e55;
/** A session never holds more events than fit in its id's 16-bit sequence number. */
const MAX_EVENTS = 0xffff;

/** One generation while its session is simulated. */
export interface Gen {
  id: string;
  output: string;
  quality: number;
  satisfied: boolean;
  truth: GenerationTruth;
}

/** Where a task stands while its user reacts to an answer. */
export interface TaskState {
  phrasing: Phrasing;
  family: Family;
  messageId: string;
  /** The text of the current user message, as typed. */
  userText: string;
  prompt: string | ChatMessage[];
  difficulty: number;
  /** The model's strength or weakness on this kind of task (logit). */
  familyEffect: number;
  step: number;
  attempt: number;
  retriesLeft: number;
  /** The last exchange of the task, sent as context with the next message. */
  last: { user: string; output: string } | undefined;
}

/** How a task ended. */
export type TaskOutcome = 'succeeded' | 'settled' | 'failed' | 'abandoned' | 'interrupted';

/** A session's events with their true delivery times, and its hidden truth. */
export interface SessionOutput {
  events: TacitEvent[];
  /** True delivery time of each event (ms); noise (late, duplicate) is applied by the stream. */
  times: number[];
  truth: TruthRecord[];
  rng: Rng;
}

/**
 * Simulates one session from its index and start time: a user works through a few tasks, and
 * reacts to each answer according to its hidden quality, their habits and some noise.
 */
export class SessionSim {
  readonly rng: Rng;
  readonly user: SimUser;
  readonly product: ContentType;
  readonly behaviour: ProductConfig;
  readonly text: ProductText;
  readonly model: ModelConfig;
  readonly prompt: PromptConfig;
  readonly sessionId: string;
  /** Current true time, ms. */
  t: number;
  retries = 0;
  private readonly events: TacitEvent[] = [];
  private readonly times: number[] = [];
  /** Truth records of the session so far. */
  readonly truth: TruthRecord[] = [];
  private readonly context: NonNullable<TacitEvent['context']>;
  /** The system prompt of the session's prompt version. */
  readonly system: string;
  private readonly eventId: (ms: number, seq: number) => string;
  private seq = 0;
  private genSeq = 0;
  generations = 0;

  constructor(
    readonly world: World,
    readonly index: number,
    startMs: number,
  ) {
    const cfg = world.cfg;
    this.rng = Rng.derive(cfg.seed, SESSION_STREAM, index);
    this.user = world.users.user(world.drawUser(this.rng));
    this.product = world.productOf(this.user.product);
    this.behaviour = cfg.products[this.product];
    this.text = PRODUCT_TEXTS[this.product];
    const assigned = world.assign(this.rng, this.user.variant);
    this.model = cfg.models[assigned.model] as ModelConfig;
    this.prompt = cfg.prompts[assigned.prompt] as PromptConfig;
    this.system = this.text.system[assigned.prompt % this.text.system.length] as string;
    this.t = startMs;
    this.sessionId = world.ids.make('session', startMs, index, 0);
    this.eventId = world.ids.forOwner('event', index);
    this.context = {
      app: cfg.app,
      appVersion: this.user.appVersion,
      contentType: this.product,
      cohort: { plan: this.user.plan, locale: this.user.locale },
    };
  }

  get full(): boolean {
    return this.seq >= MAX_EVENTS - 64;
  }

  /** Records an event at the current time (plus the user's clock skew in its `ts`). */
  emit(type: TacitEvent['type'], properties: Record<string, unknown>, generationId?: string): string {
    const id = this.eventId(this.t, this.seq++);
    const ts = isoTime(this.t + this.user.skewMs);
    // Two literal shapes rather than a spread: this runs once per event.
    const event = (
      generationId !== undefined
        ? {
            id,
            type,
            ts,
            sessionId: this.sessionId,
            userId: this.user.id,
            generationId,
            properties,
            context: this.context,
          }
        : { id, type, ts, sessionId: this.sessionId, userId: this.user.id, properties, context: this.context }
    ) as TacitEvent;
    this.events.push(event);
    this.times.push(this.t);
    return id;
  }

  /** Advances the clock by `ms`. */
  wait(ms: number): void {
    this.t += Math.max(1, Math.round(ms));
  }

  /** Sends a user message after thinking and typing it. */
  message(
    text: string,
    task: number,
    taskType: string,
    relation: MessageRelation,
    previous: string | undefined,
  ): { id: string; text: string } {
    const typed = this.user.casual ? casual(this.rng, text) : text;
    this.wait(this.rng.lognormal(3500, 0.6) + typed.length * this.rng.between(150, 350));
    const id = this.emit('message', { text: typed });
    const truth: MessageTruth = {
      kind: 'message',
      messageId: id,
      sessionId: this.sessionId,
      task,
      taskType,
      relation,
      ...(previous !== undefined ? { previousMessageId: previous } : {}),
    };
    this.truth.push(truth);
    return { id, text: typed };
  }

  /** The id the next generation will have (reserved when a regeneration is requested). */
  reserveGenerationId(): string {
    return this.world.ids.make('generation', this.t, this.index, this.genSeq++);
  }

  /** Runs one task from its first message to its end. */
  runTask(taskIndex: number): TaskOutcome {
    const rng = this.rng;
    const cfg = this.world.cfg;
    const family = rng.pick(this.text.families);
    const phrasing = firstMessage(rng, family, family.draw(rng));
    if (taskIndex > 0) this.wait(Math.min(rng.lognormal(45_000, 1), 15 * 60_000));
    const first = this.message(phrasing.last, taskIndex, family.name, 'new_task', undefined);
    const task: TaskState = {
      phrasing,
      family,
      messageId: first.id,
      userText: first.text,
      prompt: '',
      difficulty: rng.normal() * cfg.quality.taskSd,
      familyEffect: familyEffect(this.model, this.product, family.name, cfg.quality.familySd),
      step: 0,
      attempt: 0,
      retriesLeft: this.user.patience,
      last: undefined,
    };
    task.prompt = promptFor(this, first.text, task);
    let parentId: string | undefined;
    let reservedId: string | undefined;
    for (;;) {
      const gen = generate(this, taskIndex, task, parentId, reservedId);
      parentId = undefined;
      reservedId = undefined;
      if (rng.chance(cfg.noise.interruption)) {
        gen.truth.reaction = 'interrupted';
        gen.truth.noise = 'interrupted';
        if (rng.chance(0.5)) this.view(gen);
        return 'interrupted';
      }
      if (rng.chance(cfg.noise.tabAway)) {
        this.wait(rng.lognormal(2000, 0.5));
        this.emit('navigate', { direction: 'away' });
        this.wait(rng.between(60_000, 15 * 60_000));
        this.emit('navigate', { direction: 'back' });
      }
      const next = react(this, task, gen);
      if (this.full) return 'abandoned';
      switch (next.kind) {
        case 'done':
          return next.outcome;
        case 'regenerate':
          parentId = gen.id;
          reservedId = next.newId;
          task.attempt++;
          break;
        case 'message': {
          task.last = { user: task.userText, output: gen.output };
          if (next.relation === 'builds_on') {
            task.step++;
            task.attempt = 0;
          } else {
            task.attempt++;
          }
          const sent = this.message(next.text, taskIndex, family.name, next.relation, task.messageId);
          task.messageId = sent.id;
          task.userText = sent.text;
          task.prompt = promptFor(this, sent.text, task);
          break;
        }
      }
    }
  }

  /** The user reads the answer: a `view` with dwell and read depth (long when confused). */
  view(gen: Gen): void {
    const rng = this.rng;
    if (rng.chance(this.world.cfg.noise.viewLost)) {
      this.wait(rng.lognormal(4000, 0.6));
      return;
    }
    const words = gen.output.length / 5.5;
    let depth: number;
    if (gen.satisfied) depth = rng.chance(0.7) ? 1 : rng.between(0.6, 1);
    else depth = rng.chance(0.3) ? rng.between(0.6, 1) : rng.between(0.1, 0.6);
    let ms = (words / this.user.wpm) * 60_000 * depth + rng.lognormal(1500, 0.5);
    if (this.product === 'code') ms *= 0.6;
    if (!gen.satisfied && rng.chance(0.25)) ms *= rng.between(2.5, 5);
    this.wait(ms);
    this.emit('view', { visibleMs: Math.round(ms), readDepth: Math.round(depth * 100) / 100 }, gen.id);
  }

  /** Simulates the whole session. */
  run(): SessionOutput {
    const rng = this.rng;
    const startMs = this.t;
    const tasks = Math.min(12, 1 + rng.poisson(this.behaviour.tasksMean - 1));
    let done = 0;
    let succeeded = 0;
    let last: TaskOutcome = 'failed';
    let ended: 'normal' | 'abandoned' | 'interrupted' = 'normal';
    for (let i = 0; i < tasks && !this.full; i++) {
      last = this.runTask(i);
      done++;
      if (last === 'succeeded' || last === 'settled') {
        succeeded++;
        const completion = this.behaviour.completion;
        if (rng.chance(last === 'succeeded' ? completion.rate : completion.rate * 0.6)) {
          this.wait(rng.lognormal(8000, 0.8));
          this.emit('complete', { name: completion.name });
        }
      }
      if (last === 'interrupted') {
        ended = 'interrupted';
        break;
      }
      if (last === 'abandoned' && rng.chance(0.75)) {
        ended = 'abandoned';
        break;
      }
    }
    if (ended !== 'interrupted' && !rng.chance(this.world.cfg.noise.sessionEndLost)) {
      this.wait(rng.lognormal(20_000, 1));
      const reason =
        ended === 'abandoned' ? 'pagehide' : rng.pick(['closed', 'closed', 'pagehide', 'logout']);
      this.emit('session_end', { reason });
    } else if (ended === 'interrupted' && rng.chance(0.3)) {
      this.wait(rng.lognormal(60_000, 1));
      this.emit('session_end', { reason: 'pagehide' });
    }
    const session: SessionTruth = {
      kind: 'session',
      sessionId: this.sessionId,
      userId: this.user.id,
      start: isoTime(startMs),
      end: isoTime(this.t),
      contentType: this.product,
      modelVersion: this.model.version,
      promptVersion: this.prompt.version,
      cohort: { plan: this.user.plan, locale: this.user.locale, appVersion: this.user.appVersion },
      completed: ended === 'normal' && (last === 'succeeded' || last === 'settled'),
      abandoned: ended !== 'normal',
      interrupted: ended === 'interrupted',
      tasks: done,
      tasksSucceeded: succeeded,
      generations: this.generations,
      retries: this.retries,
      events: this.events.length,
      clockSkewMs: this.user.skewMs,
    };
    this.truth.push(session);
    return { events: this.events, times: this.times, truth: this.truth, rng };
  }
}

/** Simulates session number `index`, starting at `startMs`. */
export function simulateSession(world: World, index: number, startMs: number): SessionOutput {
  return new SessionSim(world, index, startMs).run();
}
