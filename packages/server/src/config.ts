import { z } from 'zod';

/** Server settings; every one has a default that works on a laptop. */
export const serverConfigSchema = z.object({
  /** Largest number of events in one `POST /v1/events`. */
  maxBatchEvents: z.number().int().min(1).max(100_000).default(1000),
  /** Largest request body, in bytes (5 MB). */
  bodyLimit: z
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /** Origins allowed to call the API from a browser: `*`, or a list. */
  corsOrigins: z.union([z.literal('*'), z.array(z.string().min(1))]).default('*'),
  /** Requests per second allowed per API key (and per client address without one). */
  rateLimitPerSecond: z.number().int().min(1).default(1000),
  /** How long a verified key is trusted before it is looked up again (revocation delay), ms. */
  keyCacheMs: z.number().int().min(0).default(10_000),
  /** Token of the local admin API that the CLI uses while the server owns the data directory. */
  adminToken: z.string().min(16).optional(),
  /** An OpenAI-compatible chat endpoint that reads negative examples' error modes (default: heuristics). */
  errorModesLlm: z
    .object({ url: z.url(), model: z.string().min(1), apiKey: z.string().min(1).optional() })
    .optional(),
  /** Serve the read-only web dashboard at `/` (its files under `/ui/`). */
  dashboard: z.boolean().default(true),
  /** pino level: `info` logs one line per request. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ServerConfig = z.infer<typeof serverConfigSchema>;
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
