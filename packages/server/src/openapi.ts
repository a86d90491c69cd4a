import { eventSchema } from '@tacit/core';
import { z } from 'zod';
import { ERROR_STATUS } from './errors.ts';
import { EXPORT_PARTS } from './routes/exports.ts';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
        message: { type: 'string' },
        details: {},
      },
    },
  },
};

const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const json = (schema: unknown, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

const secured = [{ bearer: [] }];
const readErrors = {
  '400': err('a query or path parameter is invalid'),
  '401': err('missing, unknown or revoked key'),
  '403': err('a public key cannot read'),
  '429': err('too many requests for this key'),
};

const queryParam = (name: string, description: string, schema: unknown = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const monitorFilters = [
  queryParam('since', 'windows starting at or after (ISO 8601; default 2 days of hours, 30 days of days)'),
  queryParam('until', 'windows starting before (ISO 8601; default now)'),
  queryParam('modelVersion', 'only this model version'),
  queryParam('promptVersion', 'only this prompt version'),
  queryParam('contentType', 'only this content type'),
  queryParam('cohort', 'only sessions with this cohort attribute, `key=value` (e.g. plan=free)'),
];

/** The OpenAPI 3.1 document of the HTTP API, served at `/openapi.json`. */
export function openApiDocument(version: string): Record<string, unknown> {
  const event = z.toJSONSchema(eventSchema, { io: 'input', unrepresentable: 'any' });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tacit API',
      version,
      description:
        'Ingest what users do with an AI product; read sessions, generations and events. ' +
        'Authenticate with `Authorization: Bearer <key>`: a public key (pk_…) may only write events; ' +
        'a secret key (sk_…) reads and writes.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: errorSchema,
        Event: event,
        EventBatch: {
          type: 'object',
          required: ['events'],
          properties: { events: { type: 'array', items: { $ref: '#/components/schemas/Event' } } },
        },
        EventResult: {
          type: 'object',
          required: ['index', 'status'],
          properties: {
            index: { type: 'integer' },
            id: { type: 'string' },
            status: { type: 'string', enum: ['accepted', 'duplicate', 'invalid'] },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    paths: {
      '/health': {
        get: { summary: 'Liveness and database check', responses: { '200': json({ type: 'object' }) } },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': json({ type: 'object' }) } } },
      '/v1/events': {
        post: {
          summary: 'Ingest a batch of events',
          description:
            'Up to 1000 events or 5 MB (configurable). Each event is validated on its own; the answer lists ' +
            'each one: accepted, duplicate (its id was seen before), or invalid with the field path and rule. ' +
            '200 when none is invalid, 207 otherwise.',
          security: secured,
          requestBody: {
            required: true,
            description:
              'JSON; also accepted as text/plain, which is what navigator.sendBeacon sends a string as ' +
              '(no CORS preflight while the page unloads; the public key then goes in ?key=).',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/EventBatch' } },
              'text/plain': { schema: { $ref: '#/components/schemas/EventBatch' } },
            },
          },
          responses: {
            '200': json(batchResult(), 'every event accepted or duplicate'),
            '207': json(batchResult(), 'some events invalid; the others were stored'),
            '400': err('the body is not {"events": [...]} or not JSON'),
            '401': err('missing, unknown or revoked key'),
            '413': err('body larger than the limit, or more events than a batch holds'),
            '415': err('content-type is neither application/json nor text/plain'),
            '429': err('too many requests for this key'),
          },
        },
      },
      '/v1/sessions': {
        get: {
          summary: 'List sessions, most recently active first',
          security: secured,
          parameters: [
            queryParam('since', 'sessions active at or after this time (ISO 8601)'),
            queryParam('until', 'sessions started before this time (ISO 8601)'),
            queryParam('userId', 'one user'),
            queryParam('modelVersion', 'sessions with a generation of this model version'),
            queryParam('limit', 'page size (default 50)', { type: 'integer', minimum: 1, maximum: 1000 }),
            queryParam('cursor', 'the `next` of the previous page'),
          ],
          responses: {
            '200': json({
              type: 'object',
              properties: { sessions: { type: 'array' }, next: { type: ['string', 'null'] } },
            }),
            ...readErrors,
          },
        },
      },
      '/v1/sessions/{id}': {
        get: {
          summary: 'One session with its generations and events in order',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': json({ type: 'object' }), '404': err('no such session'), ...readErrors },
        },
      },
      '/v1/anchors': {
        post: {
          summary: 'Import anchors: human-labeled examples and preferences, held out of the labeling loop',
          description:
            'Each anchor is `{prompt, response, label}` or `{prompt, chosen, rejected}` (prompt: text or chat messages), ' +
            'with optional `id`, `grade`, `modelVersion` (the model that wrote the responses: anchors of the version ' +
            'being trained are left out of its exports), `labeler`, `note`. An id already stored is replaced; without ' +
            'an id, a hash of the content is the id. Every training export carries the anchors as their own split.',
          security: secured,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['anchors'],
                  properties: { anchors: { type: 'array', items: { type: 'object' }, maxItems: 10000 } },
                },
              },
            },
          },
          responses: {
            '200': json({ type: 'object' }, '{inserted, updated, invalid: []}'),
            '207': json(
              { type: 'object' },
              'some anchors invalid (listed with their index); the others were stored',
            ),
            ...readErrors,
          },
        },
      },
      '/v1/exports/{kind}': {
        get: {
          summary: 'Stream a dataset export (preference pairs, KTO, OpenAI preference, eval, regression)',
          description:
            'Labels the sessions under the project’s product context and streams one split of the export as it is ' +
            'computed: the same rows and bytes as `tacit export` with the same options (deterministic for a seed; ' +
            'no clock in the data). `part=card` answers the dataset card (counts by source, slice, label; filters; ' +
            'time range; context hash; seed; anchors). A training export (dpo, kto, openai-preference) of a project ' +
            'without anchors carries an `x-tacit-warning` header.',
          security: secured,
          parameters: [
            {
              name: 'kind',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: ['dpo', 'kto', 'openai-preference', 'eval', 'regression'] },
            },
            queryParam('format', 'jsonl (default), csv or parquet (openai-preference: jsonl only)', {
              type: 'string',
              enum: ['jsonl', 'csv', 'parquet'],
            }),
            queryParam('part', 'the split to send (default data)', {
              type: 'string',
              enum: [...EXPORT_PARTS],
            }),
            queryParam('since', 'rows about generations shown at or after this time (ISO 8601)'),
            queryParam('until', 'rows before this time; also the recency weights’ reference time'),
            queryParam('modelVersion', 'only this model version'),
            queryParam('minConfidence', 'only rows of at least this confidence, 0..1', { type: 'number' }),
            queryParam('sample', 'comma-separated: random, mixed_signals, high_retry, novel, worst_cohort'),
            queryParam('seed', 'sampling seed (default 0)', { type: 'integer' }),
            queryParam('quota', 'rows per sampling slice (default 200)', { type: 'integer' }),
            queryParam('halfLifeDays', 'recency weight half-life (default 30)', { type: 'number' }),
            queryParam('promptPolicy', 'rephrase pairs: final_phrasing (default) or original'),
            queryParam('trainingVersion', 'the model version being trained: its anchors are left out'),
            queryParam('allowSameVersionAnchors', 'keep anchors written by the version being trained', {
              type: 'boolean',
            }),
          ],
          responses: {
            '200': {
              description: 'the split, streamed (JSONL, CSV or Parquet), or the card as JSON for part=card',
              content: {
                'application/x-ndjson': { schema: { type: 'string' } },
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.apache.parquet': { schema: { type: 'string', format: 'binary' } },
                'application/json': { schema: { type: 'object' } },
              },
            },
            ...readErrors,
          },
        },
      },
      '/v1/labels': {
        get: {
          summary: 'Labels of generations, newest first',
          description:
            'What the labeling loop last computed: P(good), confidence, grade, mixed flag, route (train/review/discard), the signals behind it, the product context hash.',
          security: secured,
          parameters: [
            queryParam('modelVersion', 'one model version'),
            queryParam('grade', 'accepted, minor_edit, major_edit, replaced or rejected'),
            queryParam('route', 'train, review or discard'),
            queryParam('signal', 'labels with at least one signal of this kind (e.g. rephrase_retry)'),
            queryParam('since', 'generations shown at or after this time (ISO 8601)'),
            queryParam('until', 'generations shown before this time (ISO 8601)'),
            queryParam('limit', 'page size (default 50)', { type: 'integer', minimum: 1, maximum: 1000 }),
            queryParam('cursor', 'the `next` of the previous page'),
          ],
          responses: {
            '200': json({
              type: 'object',
              properties: { labels: { type: 'array' }, next: { type: ['string', 'null'] } },
            }),
            ...readErrors,
          },
        },
      },
      '/v1/generations/{id}/labels': {
        get: {
          summary: "A generation's label and the signals about it, with their evidence event ids",
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': json({ type: 'object' }), '404': err('no such generation'), ...readErrors },
        },
      },
      '/v1/sessions/{id}/labels': {
        get: {
          summary: "A session's labels, signals and outcome (completed/abandoned/unknown, retries)",
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': json({ type: 'object' }), '404': err('no such session'), ...readErrors },
        },
      },
      '/v1/context': {
        get: {
          summary: "The project's product context (or the default), with its hash",
          security: secured,
          responses: { '200': json({ type: 'object' }), ...readErrors },
        },
        put: {
          summary:
            'Set the product context (JSON or YAML; partial, over `extends`: chat, code, writing, support)',
          security: secured,
          parameters: [
            queryParam('backfill', 'true: relabel every session under the new context', { type: 'boolean' }),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'object' } },
              'application/yaml': { schema: { type: 'string' } },
            },
          },
          responses: { '200': json({ type: 'object' }), ...readErrors },
        },
      },
      '/v1/backfill': {
        post: {
          summary: 'Relabel every session of the project under its current context',
          security: secured,
          responses: {
            '200': json({ type: 'object', properties: { sessions: { type: 'integer' } } }),
            ...readErrors,
          },
        },
      },
      '/v1/labeling/status': {
        get: {
          summary: 'Sessions waiting for the labeling loop',
          security: secured,
          responses: {
            '200': json({ type: 'object', properties: { dirty: { type: 'integer' } } }),
            ...readErrors,
          },
        },
      },
      '/v1/monitor/series': {
        get: {
          summary: 'A behavioural-signal rate over time, per window, with Wilson intervals',
          description:
            'Rates come from the rollups the labeling loop maintains: `rate:<signal>` (share of generations with the signal; ' +
            '`rate:retried` = rephrased, regenerated or corrected), `grade:<grade>` (share of labeled generations), ' +
            '`outcome:completed|abandoned|unknown` (share of sessions). Intervals use the effective sample size when ' +
            'generations are clustered in sessions. A session counts in the window it started in.',
          security: secured,
          parameters: [
            queryParam('metric', 'e.g. rate:retried, rate:copied, grade:rejected, outcome:abandoned', {
              type: 'string',
            }),
            queryParam('window', 'hour (default) or day', { type: 'string', enum: ['hour', 'day'] }),
            queryParam(
              'groupBy',
              'one series per value: modelVersion, promptVersion, contentType or cohort:<attribute>',
            ),
            ...monitorFilters,
          ],
          responses: {
            '200': json({ type: 'object', properties: { series: { type: 'array' } } }),
            ...readErrors,
          },
        },
      },
      '/v1/monitor/rates': {
        get: {
          summary: 'Rates over the whole span per model version (or any dimension), with intervals',
          security: secured,
          parameters: [
            queryParam('metric', 'repeat or comma-separate for several metrics'),
            queryParam('window', 'day (default) or hour rollups', { type: 'string', enum: ['hour', 'day'] }),
            queryParam('groupBy', 'modelVersion (default), promptVersion, contentType or cohort:<attribute>'),
            ...monitorFilters,
          ],
          responses: {
            '200': json({ type: 'object', properties: { rates: { type: 'array' } } }),
            ...readErrors,
          },
        },
      },
      '/v1/monitor/compare': {
        get: {
          summary: 'Version A vs B: one-sided two-proportion tests, effect sizes, sample sizes, BH q-values',
          description:
            'One comparison per metric (and per `split` value), candidate vs baseline, tested in `direction` ' +
            '(clustered by session for generation rates). q-values are Benjamini–Hochberg across every comparison ' +
            'of the request. `status` is `firing` when q ≤ `q` and the difference ≥ `minDelta`; `required` is what ' +
            'each arm needs to detect `minDelta` with `power`.',
          security: secured,
          parameters: [
            queryParam('metric', 'repeat or comma-separate for several metrics'),
            queryParam('by', 'modelVersion (default) or promptVersion'),
            queryParam('candidate', '`new` (default: the version seen last) or a version'),
            queryParam(
              'baseline',
              '`previous` (default: the version seen before the candidate) or a version',
            ),
            queryParam('direction', 'increase (default) or decrease: the direction that means harm'),
            queryParam('split', 'one comparison per contentType, promptVersion or cohort:<attribute>'),
            queryParam('minSessions', 'per arm before testing (default 2)', { type: 'integer' }),
            queryParam('q', 'q-value threshold (default 0.01)', { type: 'number' }),
            queryParam('minDelta', 'smallest difference that counts (default 0.02)', { type: 'number' }),
            queryParam('power', 'of the reported sample sizes (default 0.8)', { type: 'number' }),
            queryParam('window', 'day (default) or hour rollups', { type: 'string', enum: ['hour', 'day'] }),
            ...monitorFilters,
          ],
          responses: {
            '200': json({ type: 'object', properties: { comparisons: { type: 'array' } } }),
            ...readErrors,
          },
        },
      },
      '/v1/alerts/rules': {
        get: {
          summary:
            "The project's alert rules and webhook (the defaults until set), with the text they were set from",
          security: secured,
          responses: { '200': json({ type: 'object' }), ...readErrors },
        },
        put: {
          summary: 'Set the alert rules and webhook (YAML or JSON); validated with field errors',
          description:
            'Rules: `compare` (candidate vs baseline version, BH q-value, minDelta, minSessions) and `cusum` (a rate ' +
            'over time against its baseline). `webhook.url` receives each alert transition as Slack-compatible JSON ' +
            '(`text`, `blocks`, and the alert under `tacit`) with an `Idempotency-Key`.',
          security: secured,
          requestBody: {
            required: true,
            content: {
              'application/yaml': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object' } },
            },
          },
          responses: {
            '200': json({ type: 'object' }),
            ...readErrors,
            '400': err('the configuration is invalid: `details` lists each field path and rule'),
          },
        },
      },
      '/v1/alerts': {
        get: {
          summary:
            'Open alerts and the alert history (fired, resolved) with webhook deliveries, newest first',
          security: secured,
          parameters: [
            queryParam('limit', 'history entries (default 50)', {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
            }),
            queryParam('before', 'history before this time (ISO 8601)'),
          ],
          responses: {
            '200': json({
              type: 'object',
              properties: { open: { type: 'array' }, history: { type: 'array' } },
            }),
            ...readErrors,
          },
        },
      },
      '/v1/alerts/evaluate': {
        post: {
          summary:
            "Evaluate the project's alert rules now (the scheduler also does, periodically and after labeling)",
          security: secured,
          responses: { '200': json({ type: 'object' }), ...readErrors },
        },
      },
      '/v1/generations/{id}': {
        get: {
          summary: 'One generation with the events about it',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': json({ type: 'object' }), '404': err('no such generation'), ...readErrors },
        },
      },
    },
  };
}

function batchResult() {
  return {
    type: 'object',
    properties: {
      accepted: { type: 'integer' },
      duplicate: { type: 'integer' },
      invalid: { type: 'integer' },
      results: { type: 'array', items: { $ref: '#/components/schemas/EventResult' } },
    },
  };
}
