import { parseDocument } from 'yaml';
import { z } from 'zod';
import {
  fieldErrors,
  valueAt,
  type FieldError,
  type IssueMessage,
  type Validation,
} from '../schema/validate.ts';
import { ALERT_DEFAULTS } from './defaults.ts';
import { parseMetric, type Metric } from './metric.ts';
import type { Dimension } from './select.ts';

const name = z.string().min(1).max(256);

const metricSchema = z.string().refine((m) => parseMetric(m) !== undefined, {
  message: 'expected rate:<signal kind>, grade:<grade> or outcome:completed|abandoned|unknown',
}) as unknown as z.ZodType<Metric, string>;

const cohortSchema = z.record(name, z.string().max(256)).refine((c) => Object.keys(c).length === 1, {
  message: 'expected exactly one attribute (rollups are kept per single cohort attribute)',
});

const dimensionSchema = z
  .string()
  .refine((d) => ['modelVersion', 'promptVersion', 'contentType'].includes(d) || /^cohort:.+/.test(d), {
    message: 'expected modelVersion, promptVersion, contentType or cohort:<attribute>',
  }) as unknown as z.ZodType<Dimension, string>;

/** Filters and split shared by both rule types. */
const scope = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, { message: 'expected letters, digits, _ . - (at most 100)' }),
  metric: metricSchema,
  direction: z.enum(['increase', 'decrease']),
  modelVersion: name.optional(),
  promptVersion: name.optional(),
  contentType: name.optional(),
  cohort: cohortSchema.optional(),
  /** One comparison (or chart) per value of this dimension; all are corrected together. */
  split: dimensionSchema.optional(),
};

/** Version A vs B: two-proportion test, Benjamini–Hochberg across every comparison evaluated. */
export const compareRuleSchema = z.strictObject({
  ...scope,
  type: z.literal('compare'),
  compare: z.strictObject({
    by: z.enum(['modelVersion', 'promptVersion']),
    /** `new` (the latest version seen) or a version name. */
    candidate: name.default('new'),
    /** `previous` (the version seen before the candidate) or a version name. */
    baseline: name.default('previous'),
  }),
  minDelta: z.number().min(0).max(1).default(ALERT_DEFAULTS.minDelta),
  q: z.number().gt(0).max(1).default(ALERT_DEFAULTS.q),
  minSessions: z.int().min(2).default(ALERT_DEFAULTS.minSessions),
  window: z.enum(['hour', 'day']).default(ALERT_DEFAULTS.compareWindow),
  /** Windows compared, ending with the one holding `now`; all rollups given when absent. */
  lookback: z.int().min(1).optional(),
});

/** A rate over time against its baseline: Bernoulli CUSUM for early warning. */
export const cusumRuleSchema = z.strictObject({
  ...scope,
  type: z.literal('cusum'),
  /** Absolute change to detect, e.g. 0.05 for 15% → 20%. */
  shift: z.number().gt(0).lt(1).default(ALERT_DEFAULTS.cusumShift),
  /** The in-control rate: fixed, or estimated from the windows just before the monitored span. */
  baseline: z
    .strictObject({ rate: z.number().gt(0).lt(1).optional(), windows: z.int().min(1).optional() })
    .refine((b) => (b.rate === undefined) !== (b.windows === undefined), {
      message: 'expected exactly one of rate or windows',
    })
    .default({ windows: ALERT_DEFAULTS.cusumBaselineWindows }),
  /** Mean trials between false alarms; sets the threshold h unless `threshold` is given. */
  arl0: z.number().gt(1).default(ALERT_DEFAULTS.cusumArl0),
  threshold: z.number().gt(0).optional(),
  /** Sessions the baseline estimate needs before the chart runs. */
  minSessions: z.int().min(2).default(ALERT_DEFAULTS.minSessions),
  window: z.enum(['hour', 'day']).default(ALERT_DEFAULTS.cusumWindow),
  lookback: z.int().min(1).default(ALERT_DEFAULTS.cusumLookback),
});

const ruleSchema = z.preprocess(
  (v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !('type' in v)
      ? { ...v, type: 'compare' }
      : v,
  z.discriminatedUnion('type', [compareRuleSchema, cusumRuleSchema]),
);

export const alertConfigSchema = z.strictObject({
  rules: z.array(ruleSchema).default([]),
  /** Where alerts are POSTed (Slack-compatible JSON). */
  webhook: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      maxAttempts: z.int().min(1).max(20).optional(),
      timeoutMs: z.int().min(100).max(120_000).optional(),
    })
    .optional(),
});

export type CompareRule = z.output<typeof compareRuleSchema>;
export type CusumRule = z.output<typeof cusumRuleSchema>;
export type AlertRule = CompareRule | CusumRule;
export type AlertConfig = z.output<typeof alertConfigSchema>;
/** What a config file may say: defaults filled in by parsing. */
export type AlertConfigInput = z.input<typeof alertConfigSchema>;

/** How alert rules word what the common event wording says less well. */
const ruleMessage: IssueMessage = (issue, input) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int'
        ? `expected an integer, got ${JSON.stringify(valueAt(input, issue.path))}`
        : undefined;
    case 'invalid_union':
      return issue.discriminator !== undefined ? 'expected type "compare" or "cusum"' : undefined;
    case 'too_small':
      return `expected ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
    default:
      return undefined;
  }
};

/** Checks that span fields: a filter or split on the compared dimension, duplicate ids. */
function crossChecks(config: AlertConfig): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  config.rules.forEach((rule, i) => {
    const at = (field: string) => `rules[${i}].${field}`;
    const first = seen.get(rule.id);
    if (first !== undefined)
      errors.push({ path: at('id'), message: `duplicate id "${rule.id}" (also rules[${first}])` });
    else seen.set(rule.id, i);
    if (rule.split !== undefined) {
      if (rule.split.startsWith('cohort:') && rule.cohort !== undefined) {
        errors.push({ path: at('split'), message: 'cannot split by a cohort attribute and filter on one' });
      }
      if (!rule.split.startsWith('cohort:') && rule[rule.split as 'modelVersion'] !== undefined) {
        errors.push({ path: at('split'), message: `cannot split by ${rule.split} and filter on it` });
      }
    }
    if (rule.type === 'compare') {
      const { by, candidate, baseline } = rule.compare;
      if (rule[by] !== undefined)
        errors.push({ path: at(by), message: `cannot filter on ${by}: the rule compares by it` });
      if (rule.split === by)
        errors.push({ path: at('split'), message: `cannot split by ${by}: the rule compares by it` });
      if (candidate === 'previous')
        errors.push({ path: at('compare.candidate'), message: 'expected "new" or a version name' });
      if (candidate === baseline)
        errors.push({ path: at('compare.baseline'), message: 'expected a version other than the candidate' });
    }
  });
  return errors;
}

/**
 * Validates an alert configuration given as a value (e.g. a JSON request body). Errors name the
 * field: `rules[2].compare.baseline: expected a version other than the candidate`.
 */
export function validateAlertConfig(input: unknown): Validation<AlertConfig> {
  const result = alertConfigSchema.safeParse(input);
  if (!result.success) {
    return {
      ok: false,
      errors: fieldErrors(result.error, input, '', ruleMessage),
    };
  }
  const errors = crossChecks(result.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: result.data };
}

/**
 * Parses an alert configuration file (YAML, or JSON, which is YAML too) and validates it.
 *
 * @example
 * const r = parseAlertConfig(readFileSync('tacit.alerts.yaml', 'utf8'));
 * if (!r.ok) for (const e of r.errors) console.error(`${e.path}: ${e.message}`);
 */
export function parseAlertConfig(text: string): Validation<AlertConfig> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}:${e.linePos[0].col}` : '(root)',
        message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  const value: unknown = doc.toJS();
  return validateAlertConfig(value ?? {});
}
