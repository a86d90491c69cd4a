import { testBackends } from '@tacit/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../src/app.ts';
import { DASHBOARD_ROUTES } from '../src/routes/dashboard.ts';
import { startHarness, type Harness } from './harness.ts';

describe('/openapi.json', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testBackends[0]!);
  });
  afterAll(async () => {
    await h.close();
  });

  it('documents every public route of the app', async () => {
    const doc = (await (await h.get('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = routesOf(h.app)
      .filter((r) => !r.url.startsWith('/v1/admin') && r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .filter((r) => !DASHBOARD_ROUTES.includes(r.url))
      .map((r) => [r.url.replace(/:(\w+)/g, '{$1}'), r.method.toLowerCase()] as const);
    expect(routes.length).toBeGreaterThan(5);
    for (const [path, method] of routes) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  it('describes the event schema with every event type', async () => {
    const doc = (await (await h.get('/openapi.json')).json()) as {
      components: { schemas: { Event: unknown } };
    };
    const text = JSON.stringify(doc.components.schemas.Event);
    for (const t of ['generation', 'message', 'copy', 'session_end', 'custom'])
      expect(text).toContain(`"${t}"`);
  });
});
