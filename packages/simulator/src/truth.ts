import type { TacitEvent } from '@tacit/core';
import type { ContentType } from './config.ts';
import type { MessageRelation } from './text/phrasing.ts';

/**
 * What the simulated user did about a generation (the hidden cause of the events that follow it).
 *
 * Satisfied: `accepted` (accepted, copied, shared, exported or followed a link), `customised`
 * (accepted, then polished a good answer), `built_on` (asked a follow-up that builds on it),
 * `proceeded` (moved on without a visible action).
 * Dissatisfied: `regenerated`, `rephrased`, `corrected` ("no, I meant …"), `undone` (accepted then
 * undid it), `major_edit`, `overwritten`, `back_navigation`, `escalated` (asked for a human),
 * `abandoned` (gave up), `ignored` (moved on silently).
 * Neither: `interrupted` (the session was cut off for reasons unrelated to the answer).
 */
export type Reaction =
  | 'accepted'
  | 'customised'
  | 'built_on'
  | 'proceeded'
  | 'regenerated'
  | 'rephrased'
  | 'corrected'
  | 'undone'
  | 'major_edit'
  | 'overwritten'
  | 'back_navigation'
  | 'escalated'
  | 'abandoned'
  | 'ignored'
  | 'interrupted';

/**
 * Behaviour that does not follow from quality, on purpose: `changed_mind` (a satisfied user
 * retried anyway), `customised` (an editor changed a good answer), `interrupted` (abandonment
 * unrelated to the answer).
 */
export type Noise = 'changed_mind' | 'customised' | 'interrupted';

/** The hidden truth about one generation: what a perfect labeler would say. */
export interface GenerationTruth {
  kind: 'generation';
  generationId: string;
  sessionId: string;
  userId: string;
  /** True time of the generation (ISO 8601, without the client's clock skew). */
  ts: string;
  model: string;
  modelVersion: string;
  promptVersion: string;
  contentType: ContentType;
  /** The kind of task (`explain`, `travel`, `write`, `fix`, `email`, `billing`, …): what the user asked for. */
  taskType: string;
  /** Hidden quality, 0..1. */
  quality: number;
  /** `quality >= quality.goodThreshold` (default 0.5): the label Tacit tries to recover. */
  good: boolean;
  /** Whether the user judged it good (perception is noisy: `satisfied` may differ from `good`). */
  satisfied: boolean;
  /** Whether its model version was in a configured regression at the time. */
  degraded: boolean;
  /** Task number within the session (0-based). */
  task: number;
  /** Follow-ups that built on earlier answers in this task before this one. */
  step: number;
  /** Retries (regenerate, rephrase, correction) in this step before this one. */
  attempt: number;
  /** The generation this one regenerates. */
  parentId?: string;
  /** The message event it answers. */
  messageId: string;
  reaction: Reaction;
  noise?: Noise;
}

/** The hidden truth about one user message: how it relates to the one before it in its task. */
export interface MessageTruth {
  kind: 'message';
  messageId: string;
  sessionId: string;
  task: number;
  /** The kind of task the message is about (as in `GenerationTruth.taskType`). */
  taskType: string;
  relation: MessageRelation;
  /** The task's previous message, for `rephrase`, `correction` and `builds_on`. */
  previousMessageId?: string;
}

/** The hidden truth about one session. */
export interface SessionTruth {
  kind: 'session';
  sessionId: string;
  userId: string;
  /** True start and end (ISO 8601, no clock skew). */
  start: string;
  end: string;
  contentType: ContentType;
  modelVersion: string;
  promptVersion: string;
  cohort: { plan: string; locale: string; appVersion: string };
  /** The user's final task ended in success (possibly after the user fixed the answer themselves). */
  completed: boolean;
  /** The session ended mid-task: the user gave up, or was interrupted. */
  abandoned: boolean;
  /** The session ended for a reason unrelated to quality. */
  interrupted: boolean;
  tasks: number;
  tasksSucceeded: number;
  generations: number;
  /** Regenerations, rephrased retries and corrections. */
  retries: number;
  /** Distinct events (duplicate deliveries not counted). */
  events: number;
  /** How far the user's clock is off, in milliseconds (0 for most users). */
  clockSkewMs: number;
}

/** A line of the truth file. */
export type TruthRecord = GenerationTruth | MessageTruth | SessionTruth;

/**
 * What `simulate` yields: events, in delivery order, and the hidden truth beside them. An event's
 * `receivedAt` (epoch ms) is when it is delivered: what a server would record as its receive time
 * (non-decreasing along the stream; later than `ts` for late deliveries, off by the skew for skewed
 * client clocks).
 */
export type SimRecord = { kind: 'event'; event: TacitEvent; receivedAt: number } | TruthRecord;
