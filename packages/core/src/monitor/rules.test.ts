import { describe, expect, it } from 'vitest';
import { ALERT_DEFAULTS } from './defaults.ts';
import { parseAlertConfig, validateAlertConfig } from './rules.ts';

const yaml = `
rules:
  - id: retry-regression
    metric: rate:rephrase_retry
    compare: { by: modelVersion }
    direction: increase
    minDelta: 0.03
    cohort: { plan: free }
  - id: copy-drop
    metric: rate:copied
    compare: { by: promptVersion, candidate: v7, baseline: v6 }
    direction: decrease
    split: contentType
  - id: retry-drift
    type: cusum
    metric: rate:rephrase_retry
    direction: increase
    baseline: { rate: 0.15 }
webhook:
  url: https://hooks.example.test/alerts
`;

function errorsOf(text: string) {
  const r = parseAlertConfig(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('parseAlertConfig', () => {
  it('reads compare and CUSUM rules from YAML, filling in the defaults', () => {
    const r = parseAlertConfig(yaml);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [retry, copy, drift] = r.value.rules;
    expect(retry).toMatchObject({
      type: 'compare',
      compare: { by: 'modelVersion', candidate: 'new', baseline: 'previous' },
      minDelta: 0.03,
      q: ALERT_DEFAULTS.q,
      minSessions: ALERT_DEFAULTS.minSessions,
      window: 'day',
      cohort: { plan: 'free' },
    });
    expect(copy).toMatchObject({ compare: { candidate: 'v7', baseline: 'v6' }, split: 'contentType' });
    expect(drift).toMatchObject({
      type: 'cusum',
      shift: ALERT_DEFAULTS.cusumShift,
      arl0: ALERT_DEFAULTS.cusumArl0,
      window: 'hour',
      baseline: { rate: 0.15 },
    });
    expect(r.value.webhook?.url).toBe('https://hooks.example.test/alerts');
  });

  it('reads JSON too', () => {
    const r = parseAlertConfig(
      JSON.stringify({
        rules: [
          { id: 'a', metric: 'outcome:abandoned', compare: { by: 'modelVersion' }, direction: 'increase' },
        ],
      }),
    );
    expect(r.ok).toBe(true);
  });

  it('names the field and the rule of every mistake', () => {
    const errors = errorsOf(`
rules:
  - id: a
    metric: rate:rephrase_retry
    compare: { by: model }
    direction: up
    q: 2
  - id: b
    metric: retries
    compare: { by: modelVersion }
    direction: increase
    cohort: { plan: free, locale: fr }
    colour: red
`);
    expect(errors).toEqual(
      expect.arrayContaining([
        'rules[0].compare.by: expected one of "modelVersion", "promptVersion"',
        'rules[0].direction: expected one of "increase", "decrease"',
        'rules[0].q: expected ≤ 1',
        'rules[1].metric: expected rate:<signal kind>, grade:<grade> or outcome:completed|abandoned|unknown',
        'rules[1].cohort: expected exactly one attribute (rollups are kept per single cohort attribute)',
        'rules[1]: unknown keys: colour',
      ]),
    );
  });

  it('refuses an unknown rule type, a missing field and a bad webhook URL', () => {
    expect(errorsOf('rules: [{ id: a, type: ewma, metric: rate:copied, direction: increase }]')).toEqual([
      'rules[0].type: expected type "compare" or "cusum"',
    ]);
    expect(errorsOf('rules: [{ id: a, metric: rate:copied, direction: increase }]')).toEqual([
      'rules[0].compare: expected object, got undefined',
    ]);
    expect(errorsOf('webhook: { url: "ftp://x" }')[0]).toMatch(/^webhook\.url: /);
  });

  it('checks what spans fields: duplicate ids, filtering or splitting on the compared dimension', () => {
    const errors = errorsOf(`
rules:
  - { id: a, metric: rate:copied, compare: { by: modelVersion }, direction: decrease, modelVersion: v2 }
  - { id: a, metric: rate:copied, compare: { by: modelVersion, candidate: v2, baseline: v2 }, direction: decrease, split: modelVersion }
  - { id: c, type: cusum, metric: rate:copied, direction: decrease, split: "cohort:plan", cohort: { plan: pro } }
  - { id: d, type: cusum, metric: rate:copied, direction: decrease, baseline: { rate: 0.2, windows: 3 } }
`);
    expect(errors).toEqual(['rules[3].baseline: expected exactly one of rate or windows']);
    const errors2 = errorsOf(`
rules:
  - { id: a, metric: rate:copied, compare: { by: modelVersion }, direction: decrease, modelVersion: v2 }
  - { id: a, metric: rate:copied, compare: { by: modelVersion, candidate: v2, baseline: v2 }, direction: decrease, split: modelVersion }
  - { id: c, type: cusum, metric: rate:copied, direction: decrease, split: "cohort:plan", cohort: { plan: pro } }
`);
    expect(errors2).toEqual([
      'rules[0].modelVersion: cannot filter on modelVersion: the rule compares by it',
      'rules[1].id: duplicate id "a" (also rules[0])',
      'rules[1].split: cannot split by modelVersion: the rule compares by it',
      'rules[1].compare.baseline: expected a version other than the candidate',
      'rules[2].split: cannot split by a cohort attribute and filter on one',
    ]);
  });

  it('points at the line of a YAML syntax error', () => {
    expect(errorsOf('rules:\n  - id: a\n   metric: [')[0]).toMatch(/^line \d+:\d+: /);
  });

  it('accepts an empty file and a value from a JSON body', () => {
    expect(parseAlertConfig('')).toEqual({ ok: true, value: { rules: [] } });
    expect(validateAlertConfig({ rules: [] }).ok).toBe(true);
    expect(validateAlertConfig([]).ok).toBe(false);
  });
});
