import { charNgrams, CORRECTION_CUES, words } from '@tacit/core';
import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../config.ts';
import { Rng } from '../random.ts';
import type { Template } from './family.ts';
import { PRODUCT_TEXTS } from './index.ts';
import { buildsOn, correction, firstMessage, rephrase } from './phrasing.ts';

function jaccard(a: string, b: string): number {
  const x = charNgrams(a);
  const y = charNgrams(b);
  let inter = 0;
  for (const g of x) if (y.has(g)) inter++;
  return inter / (x.size + y.size - inter);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe.each(CONTENT_TYPES)('%s texts', (product) => {
  const text = PRODUCT_TEXTS[product];

  it('fills every template of every task family (no slot left open)', () => {
    const rng = Rng.derive(1);
    for (const family of text.families) {
      for (let i = 0; i < 30; i++) {
        const slots = family.draw(rng);
        const all: Template[] = [...family.asks, ...family.shorts, ...family.details, ...text.buildsOn];
        for (const t of all) expect(t.fill(slots)).not.toMatch(/[{}]/);
        for (const t of text.corrections)
          expect(t.fill({ ...slots, short: 'x', detail: 'y' })).not.toMatch(/\{\w+\}/);
        for (const q of [0.1, 0.4, 0.6, 0.9]) expect(family.answer(rng, slots, q).length).toBeGreaterThan(20);
      }
    }
  });

  it('rephrases keep the intent in new words; builds-on follow-ups and corrections read differently', () => {
    const rng = Rng.derive(2);
    const rephraseSim: number[] = [];
    const buildsOnSim: number[] = [];
    const otherTaskSim: number[] = [];
    for (let i = 0; i < 300; i++) {
      const family = rng.pick(text.families);
      const p = firstMessage(rng, family, family.draw(rng));
      const first = p.last;
      const again = rephrase(rng, p);
      expect(again).not.toBe(first);
      rephraseSim.push(jaccard(first, again));
      buildsOnSim.push(jaccard(again, buildsOn(rng, text, p)));
      const other = rng.pick(text.families);
      otherTaskSim.push(jaccard(first, firstMessage(rng, other, other.draw(rng)).last));
      const fix = correction(rng, text, p);
      expect(words(fix).join(' ')).toMatch(new RegExp(`\\b(${CORRECTION_CUES.join('|')})\\b`));
    }
    expect(mean(rephraseSim)).toBeGreaterThan(mean(buildsOnSim) + 0.15);
    expect(mean(rephraseSim)).toBeGreaterThan(mean(otherTaskSim) + 0.15);
    // Rephrases are not near-copies.
    expect(rephraseSim.filter((s) => s > 0.9).length).toBeLessThan(rephraseSim.length * 0.1);
  });

  it('writes better answers for higher quality (fewer vague sentences)', () => {
    const rng = Rng.derive(3);
    const family = text.families[0]!;
    const slots = family.draw(rng);
    const good = new Set<string>();
    const bad = new Set<string>();
    for (let i = 0; i < 50; i++) {
      good.add(family.answer(rng, slots, 0.95));
      bad.add(family.answer(rng, slots, 0.05));
    }
    const overlap = [...good].filter((g) => bad.has(g)).length;
    expect(overlap).toBeLessThan(5);
  });
});
