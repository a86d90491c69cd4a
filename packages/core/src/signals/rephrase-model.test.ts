import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageFeatures } from './message-features.ts';
import { rephraseProbability } from './rephrase-model.ts';

const CAST = process.env.TACIT_SHARED_DATA
  ? `${process.env.TACIT_SHARED_DATA}/trec-cast/`
  : fileURLToPath(new URL('../../../../../shared/data/trec-cast/', import.meta.url));

describe('rephraseProbability', () => {
  const p = (a: string, b: string) =>
    rephraseProbability(messageFeatures({ text: a }), messageFeatures({ text: b }));

  it('is high for a reference resolved into its antecedent, low for another question on the same template', () => {
    expect(p('Why are so many dying?', 'Why are so many bees dying?')).toBeGreaterThan(0.9);
    expect(p('Where do they live?', 'What do they eat?')).toBeLessThan(0.3);
  });

  it('is symmetric and in 0..1', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = p(a, b);
        return x >= 0 && x <= 1 && Math.abs(x - p(b, a)) < 1e-12;
      }),
    );
  });

  it.skipIf(!existsSync(CAST))('separates 2020 CAsT rewrites from consecutive turns (held-out year)', () => {
    type Turn = { raw_utterance: string; manual_rewritten_utterance: string };
    const topics = JSON.parse(readFileSync(`${CAST}2020_manual_evaluation_topics_v1.0.json`, 'utf8')) as {
      turn: Turn[];
    }[];
    let tp = 0;
    let pos = 0;
    let fp = 0;
    for (const t of topics) {
      t.turn.forEach((u, i) => {
        if (u.raw_utterance.trim() !== u.manual_rewritten_utterance.trim()) {
          pos++;
          if (p(u.raw_utterance, u.manual_rewritten_utterance) >= 0.61) tp++;
        }
        const prev = t.turn[i - 1];
        if (prev && p(prev.raw_utterance, u.raw_utterance) >= 0.61) fp++;
      });
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
    expect(tp / pos).toBeGreaterThanOrEqual(0.8);
  });
});
