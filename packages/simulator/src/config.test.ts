import { describe, expect, it } from 'vitest';
import { parseSimulatorConfig, resolveConfig, SimulatorConfigError } from './config.ts';
import { PRODUCT_DEFAULTS } from './defaults.ts';

describe('simulator config', () => {
  it('fills every default from an empty object', () => {
    const cfg = resolveConfig({});
    expect(cfg.seed).toBe(1);
    expect(cfg.product).toBe('mixed');
    expect(cfg.models.map((m) => m.version)).toEqual(['large-2026-04', 'large-2026-05', 'small-2026-03']);
    expect(cfg.products.code.unsatisfied.undo).toBe(PRODUCT_DEFAULTS.code.unsatisfied.undo);
    expect(cfg.feedback.rate).toBe(0.02);
  });

  it('merges a partial config field by field', () => {
    const cfg = resolveConfig({ products: { chat: { satisfied: { copy: 0.5 } } }, noise: { duplicate: 0 } });
    expect(cfg.products.chat.satisfied.copy).toBe(0.5);
    expect(cfg.products.chat.satisfied.buildsOn).toBe(PRODUCT_DEFAULTS.chat.satisfied.buildsOn);
    expect(cfg.products.writing.satisfied.copy).toBe(PRODUCT_DEFAULTS.writing.satisfied.copy);
    expect(cfg.noise.duplicate).toBe(0);
    expect(cfg.noise.late).toBeGreaterThan(0);
  });

  it('names the field of each error', () => {
    const r = parseSimulatorConfig({
      products: { chat: { satisfied: { copy: 2 } } },
      models: [{ model: 'm' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const paths = r.errors.map((e) => e.path);
      expect(paths).toContain('products.chat.satisfied.copy');
      expect(paths).toContain('models[0].version');
    }
  });

  it('refuses sessions and events together, and duplicate model versions', () => {
    expect(() => resolveConfig({ sessions: 10, events: 10 })).toThrow(SimulatorConfigError);
    expect(
      parseSimulatorConfig({
        models: [
          { model: 'a', version: 'v' },
          { model: 'b', version: 'v' },
        ],
      }).ok,
    ).toBe(false);
  });
});
