import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildBrowserSdk, type BrowserBundle } from '../scripts/build.ts';

/** The budget of the issue: the whole SDK, minified and gzipped, in at most 6 KB. */
const BUDGET = 6 * 1024;

describe('browser bundles', () => {
  let bundle: BrowserBundle;
  it('builds the script-tag bundle within 6 KB min+gzip', async () => {
    bundle = await buildBrowserSdk();
    expect(bundle.gzipBytes).toBeGreaterThan(1000);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGET);
  });

  it('has no runtime dependency left to load: the script defines the global Tacit', () => {
    expect(bundle.iife).not.toMatch(/\brequire\(|\bimport\s*[({"']/);
    const context: Record<string, unknown> = { Math, Date, JSON };
    context.globalThis = context;
    runInNewContext(bundle.iife, context);
    expect(typeof (context.Tacit as { init?: unknown }).init).toBe('function');
    expect(bundle.esm).toMatch(/export\s*\{[^}]*\binit\b/);
  });
});
