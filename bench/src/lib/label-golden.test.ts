import { createHash } from 'node:crypto';
import { labelSession } from '@tacit/core/labels';
import { simulate } from '@tacit/simulator';
import { describe, expect, it } from 'vitest';
import { builtinContext } from '@tacit/core/context';
import type { SessionEventInput } from '@tacit/core/sessionize';
import { builtinFor } from './sim-stream.ts';

/**
 * Everything the labeller returns for 1500 simulated sessions of every product, hashed. Speed work
 * on the core (cheaper pre-checks, caches, bounded diffs) must not change a single signal, label
 * or outcome: this digest was recorded before that work. A deliberate change of the defaults or
 * of a detector changes it too — then record the new value and say why in the commit.
 */
// Recorded again after three deliberate changes (the speed work itself changed nothing): the
// read_depth skim time and the regeneration_kept choice rule found by the browser end-to-end tests,
// the clock correction that keeps late-delivered history at its client time, and the built-in
// context versions (chat@2, …) that go with them.
const DIGEST = '41a521a5609ed8b744ec3ce78a822fe746cc17c04bcbb592997da898189f34f3';

function digest(): { hash: string; sessions: number; labels: number } {
  const bySession = new Map<string, SessionEventInput[]>();
  const contentType = new Map<string, string | undefined>();
  for (const r of simulate({ seed: 7, sessions: 1500 })) {
    if (r.kind !== 'event') continue;
    const list = bySession.get(r.event.sessionId);
    // A copy: the labeller must not depend on the input objects being shared or mutated.
    const e = { ...r.event, receivedAt: r.receivedAt } as SessionEventInput;
    if (list) list.push(e);
    else {
      bySession.set(r.event.sessionId, [e]);
      contentType.set(r.event.sessionId, r.event.context?.contentType);
    }
  }
  const h = createHash('sha256');
  let labels = 0;
  const now = Date.parse('2030-01-01T00:00:00.000Z');
  for (const id of [...bySession.keys()].sort()) {
    const context = builtinContext(builtinFor(contentType.get(id)));
    const r = labelSession(bySession.get(id) ?? [], context, { now });
    h.update(JSON.stringify([r.session, r.signals, r.labels, r.outcome]));
    labels += r.labels.length;
  }
  return { hash: h.digest('hex'), sessions: bySession.size, labels };
}

describe('labels of simulated traffic', () => {
  it('are exactly those recorded before the speed work', () => {
    const d = digest();
    expect(d.sessions).toBe(1500);
    expect(d.labels).toBeGreaterThan(3000);
    expect(d.hash).toBe(DIGEST);
  });
});
