import { createRequire } from 'node:module';

/** This package's version, reported by `/health` and the OpenAPI document. */
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
