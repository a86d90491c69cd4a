export { WINDOW_MS, WINDOW_SIZES, windowStart, type WindowSize } from './window.ts';
export type { GenerationResult, SessionOutcomeStatus, SessionResult } from './session-result.ts';
export {
  ALL_COHORTS,
  NONE,
  addCounts,
  emptyCounts,
  isEmptyCounts,
  mergeRollups,
  rollupKeyId,
  sumCounts,
  type Moments,
  type RollupCounts,
  type RollupKey,
  type RollupRow,
} from './rollup.ts';
export { rollupDelta, sessionContribution, type ContributionOptions } from './contribution.ts';
export { RETRIED, RETRY_KINDS, sessionResultOf, type LabeledSession } from './from-labels.ts';
export {
  metricCount,
  metricRate,
  parseMetric,
  type Metric,
  type MetricRate,
  type ParsedMetric,
} from './metric.ts';
export { dimensionValue, groupRows, selectRows, type Dimension, type RowFilter } from './select.ts';
export { rateSeries, type Series, type SeriesPoint, type SeriesQuery } from './series.ts';
export { ALERT_DEFAULTS } from './defaults.ts';
export { DEFAULT_ALERT_CONFIG, DEFAULT_ALERT_RULES_YAML } from './default-rules.ts';
export {
  alertConfigSchema,
  compareRuleSchema,
  cusumRuleSchema,
  parseAlertConfig,
  validateAlertConfig,
  type AlertConfig,
  type AlertConfigInput,
  type AlertRule,
  type CompareRule,
  type CusumRule,
} from './rules.ts';
export { resolveVersions, versionsFromRollups, type VersionSeen } from './versions.ts';
export {
  evaluateRules,
  type AlertEvaluation,
  type Arm,
  type CompareEvaluation,
  type CusumEvaluation,
  type EvaluateOptions,
} from './evaluate.ts';
export { reconcileAlerts, type AlertEvent, type OpenAlert, type ReconcileOptions } from './state.ts';
export { describeEvaluation } from './describe.ts';
