import { parseAlertConfig, type AlertConfig } from './rules.ts';
import { errorText } from '../schema/validate.ts';

/**
 * The rules a project is monitored with until it sets its own (`PUT /v1/alerts/rules`): the
 * retry rate, the one behaviour that rises first when outputs get worse. Chosen with
 * `npm run eval -- drift` on the simulator through the real labeling pipeline (see README.md).
 */
export const DEFAULT_ALERT_RULES_YAML = `# Tacit's default alert rules (replace them with PUT /v1/alerts/rules or tacit alerts rules set FILE).
rules:
  # A new model version is retried more than the one before it (a canary or a rollout).
  - id: retry-regression
    metric: rate:retried
    compare: { by: modelVersion, candidate: new, baseline: previous }
    direction: increase
    minDelta: 0.01
    q: 0.005
    window: day
    lookback: 7
  # Its outputs are rejected (retried, undone, overwritten) more often.
  - id: rejected-regression
    metric: grade:rejected
    compare: { by: modelVersion, candidate: new, baseline: previous }
    direction: increase
    minDelta: 0.01
    q: 0.005
    window: day
    lookback: 7
`;

function parseDefaults(): AlertConfig {
  const r = parseAlertConfig(DEFAULT_ALERT_RULES_YAML);
  if (!r.ok) throw new Error(`default alert rules: ${errorText(r.errors)}`);
  return r.value;
}

/** `DEFAULT_ALERT_RULES_YAML`, parsed (no webhook: alerts are recorded, not sent). */
export const DEFAULT_ALERT_CONFIG: AlertConfig = parseDefaults();
