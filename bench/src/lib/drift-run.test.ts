import { parseAlertConfig } from '@tacit/core/monitor';
import { describe, expect, it } from 'vitest';
import { driftRun, type LabelMemo } from './drift-run.ts';

const config = parseAlertConfig(`
rules:
  - id: retry-regression
    metric: rate:retried
    compare: { by: modelVersion }
    direction: increase
    minSessions: 100
    minDelta: 0.01
`);

describe('driftRun', () => {
  it('alerts on a rollout of a much worse version, not on an identical one, and shares the common labels', () => {
    if (!config.ok) throw new Error('rules');
    const memo = new Map() as LabelMemo;
    const o = {
      seed: 5,
      drop: 0.3,
      product: 'chat' as const,
      perHour: 60,
      split: 0.5,
      preHours: 6,
      postHours: 14,
      rules: config.value.rules,
      memo,
    };
    const aa = driftRun({ ...o, degrade: false });
    const degraded = driftRun({ ...o, degrade: true });
    expect(aa).toMatchObject({ detectedAfterSessions: null, falseAlarm: null });
    expect(degraded.detectedBy).toBe('retry-regression');
    expect(degraded.detectedAfterSessions).toBeGreaterThanOrEqual(200); // minSessions per arm, 50/50
    expect(degraded.falseAlarm).toBeNull();
    // Truth: the worse version's users retry more; the pipeline measured it too.
    const b = (r: typeof aa) => r.after['large-b']!;
    expect(b(degraded).retrySessions / b(degraded).sessions).toBeGreaterThan(
      b(aa).retrySessions / b(aa).sessions + 0.1,
    );
    expect(b(degraded).retried / b(degraded).generations).toBeGreaterThan(b(aa).retried / b(aa).generations);
    // Sessions before the change and every large-a session were labeled once for both runs.
    expect(degraded.labelCalls).toBeLessThan(aa.labelCalls / 2);
  }, 60_000);
});
