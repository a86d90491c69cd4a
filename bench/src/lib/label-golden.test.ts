import { createHash } from 'node:crypto';
import { labelSession } from '@tacit/core/labels';
import { simulate } from '@tacit/simulator';
import { describe, expect, it } from 'vitest';
import { sessionStream } from './sim-stream.ts';

/**
 * Everything the labeller returns for 1500 simulated sessions of every product, hashed. Speed work
 * on the core (cheaper pre-checks, caches, bounded diffs) must not change a single signal, label
 * or outcome: this digest was recorded before that work. A deliberate change of the defaults or
 * of a detector changes it too — then record the new value and say why in the commit.
 */
const DIGEST = 'a672dfc1a278004681f6e2580267deceb8002d2d18127faed7250fddb53e4f9f';

function digest(): { hash: string; sessions: number; labels: number } {
  const h = createHash('sha256');
  let sessions = 0;
  let labels = 0;
  for (const s of sessionStream(simulate({ seed: 7, sessions: 1500 }))) {
    const r = labelSession(s.events, s.context, { now: s.now });
    h.update(JSON.stringify([r.session, r.signals, r.labels, r.outcome]));
    sessions++;
    labels += r.labels.length;
  }
  return { hash: h.digest('hex'), sessions, labels };
}

describe('labels of simulated traffic', () => {
  it('are exactly those recorded before the speed work', () => {
    const d = digest();
    expect(d.sessions).toBe(1500);
    expect(d.labels).toBeGreaterThan(3000);
    expect(d.hash).toBe(DIGEST);
  });
});
