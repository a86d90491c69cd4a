import type { ContentType } from './config.ts';

/** The default behaviour of each product type, models and prompts (see the README's parameter table). */

/** A model version as a config file may give it (see `simulatorConfigSchema` for every field). */
export interface ModelInput {
  model: string;
  version: string;
  weight?: number;
  quality?: Partial<Record<ContentType, number>>;
  latencyMs?: number;
  degrade?: { from: string; drop?: number };
}

/** A prompt version as a config file may give it. */
export interface PromptInput {
  version: string;
  weight?: number;
  shift?: Partial<Record<ContentType, number>>;
}

export type Satisfied = Record<
  'accept' | 'copy' | 'share' | 'export' | 'deeper' | 'customise' | 'buildsOn',
  number
>;

export type Unsatisfied = Record<
  | 'regenerate'
  | 'rephrase'
  | 'correction'
  | 'undo'
  | 'majorEdit'
  | 'overwrite'
  | 'backNavigation'
  | 'escalate'
  | 'abandon'
  | 'ignore',
  number
>;

export interface ProductDefaults {
  mix: number;
  tasksMean: number;
  maxFollowUps: number;
  completion: { name: string; rate: number };
  satisfied: Satisfied;
  unsatisfied: Unsatisfied;
}

const none = {
  regenerate: 0,
  rephrase: 0,
  correction: 0,
  undo: 0,
  majorEdit: 0,
  overwrite: 0,
  backNavigation: 0,
  escalate: 0,
  abandon: 0,
  ignore: 0,
};
const nothing = { accept: 0, copy: 0, share: 0, export: 0, deeper: 0, customise: 0, buildsOn: 0 };

/** Documented defaults per product type (README: "Behaviour parameters"). */
export const PRODUCT_DEFAULTS: Record<ContentType, ProductDefaults> = {
  chat: {
    mix: 0.4,
    tasksMean: 2.2,
    maxFollowUps: 3,
    completion: { name: 'answer_saved', rate: 0.08 },
    satisfied: { ...nothing, copy: 0.25, share: 0.03, export: 0.01, deeper: 0.05, buildsOn: 0.3 },
    unsatisfied: { ...none, regenerate: 0.25, rephrase: 0.35, correction: 0.2, abandon: 0.1, ignore: 0.1 },
  },
  code: {
    mix: 0.25,
    tasksMean: 2.8,
    maxFollowUps: 2,
    completion: { name: 'tests_passed', rate: 0.45 },
    satisfied: { ...nothing, accept: 0.8, copy: 0.15, customise: 0.15, buildsOn: 0.15 },
    unsatisfied: {
      ...none,
      undo: 0.3,
      regenerate: 0.2,
      rephrase: 0.12,
      correction: 0.1,
      majorEdit: 0.1,
      overwrite: 0.05,
      abandon: 0.05,
      ignore: 0.08,
    },
  },
  writing: {
    mix: 0.2,
    tasksMean: 1.8,
    maxFollowUps: 2,
    completion: { name: 'document_published', rate: 0.35 },
    satisfied: {
      ...nothing,
      accept: 0.55,
      copy: 0.35,
      share: 0.05,
      export: 0.15,
      customise: 0.3,
      buildsOn: 0.2,
    },
    unsatisfied: {
      ...none,
      regenerate: 0.25,
      correction: 0.2,
      rephrase: 0.12,
      majorEdit: 0.15,
      overwrite: 0.1,
      undo: 0.05,
      abandon: 0.05,
      ignore: 0.05,
    },
  },
  support: {
    mix: 0.15,
    tasksMean: 1.4,
    maxFollowUps: 2,
    completion: { name: 'issue_resolved', rate: 0.55 },
    satisfied: { ...nothing, copy: 0.08, share: 0.01, deeper: 0.35, buildsOn: 0.15 },
    unsatisfied: {
      ...none,
      rephrase: 0.35,
      correction: 0.2,
      backNavigation: 0.15,
      escalate: 0.1,
      abandon: 0.12,
      ignore: 0.05,
    },
  },
};

const LARGE_QUALITY = { chat: 0.72, code: 0.68, writing: 0.74, support: 0.7 };

export const DEFAULT_MODELS: ModelInput[] = [
  { model: 'acme-large', version: 'large-2026-04', weight: 0.45, quality: LARGE_QUALITY, latencyMs: 2200 },
  {
    model: 'acme-large',
    version: 'large-2026-05',
    weight: 0.35,
    quality: { chat: 0.74, code: 0.71, writing: 0.75, support: 0.72 },
    latencyMs: 2000,
  },
  {
    model: 'acme-small',
    version: 'small-2026-03',
    weight: 0.2,
    quality: { chat: 0.6, code: 0.52, writing: 0.64, support: 0.58 },
    latencyMs: 700,
  },
];

export const DEFAULT_PROMPTS: PromptInput[] = [
  { version: 'prompt-v1', weight: 0.5 },
  { version: 'prompt-v2', weight: 0.5, shift: { chat: 0.02, code: 0.01, writing: 0.03, support: 0.02 } },
];

/** The two identical versions of an A/A split (`--aa`). */
export const AA_MODELS: ModelInput[] = [
  { model: 'acme-large', version: 'large-a', weight: 0.5, quality: LARGE_QUALITY, latencyMs: 2000 },
  { model: 'acme-large', version: 'large-b', weight: 0.5, quality: LARGE_QUALITY, latencyMs: 2000 },
];
