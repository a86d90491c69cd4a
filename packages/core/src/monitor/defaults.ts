/**
 * Defaults of alert rules, chosen with `npm run bench -- monitor-defaults` (see README.md): on a
 * ~15% retry rate they detect a 5-point rise with power ≥ 0.95 and keep false alarms on an A/A
 * split ≤ 0.05 while a rule is evaluated again and again as sessions arrive.
 */
export const ALERT_DEFAULTS = {
  /** Sessions each arm needs before a comparison may fire. */
  minSessions: 500,
  /** Benjamini–Hochberg q-value a comparison must reach. */
  q: 0.01,
  /** Smallest difference (in the rule's direction, on the estimate) worth an alert. */
  minDelta: 0.02,
  /** Window of compare rules. */
  compareWindow: 'day',
  /** Change a CUSUM rule is tuned to detect (absolute, 0.05 = 5 points). */
  cusumShift: 0.05,
  /** In-control average run length of a CUSUM rule, in trials (generations or sessions). */
  cusumArl0: 500_000,
  /** Window of CUSUM rules. */
  cusumWindow: 'hour',
  /** Windows before the monitored span that estimate a CUSUM rule's baseline rate (a week of hours: every weekday and hour of day). */
  cusumBaselineWindows: 168,
  /** Windows a CUSUM rule monitors (the last day). */
  cusumLookback: 24,
  /** Evaluations an open alert must be quiet for before it resolves. */
  resolveAfter: 3,
} as const;
