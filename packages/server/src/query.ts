import { fieldErrors } from '@tacit/core';
import type { z } from 'zod';
import { ApiError, badRequest } from './errors.ts';

/** Parses query or path parameters with a zod schema; 400 naming each bad field otherwise. */
export function parseParams<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'query' | 'params',
): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const errors = fieldErrors(r.error, input, where);
  throw badRequest(errors);
}

/** Opaque pagination cursors: base64url JSON. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.infer<S> {
  try {
    const r = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (r.success) return r.data;
  } catch {
    // fall through: any undecodable cursor is the same client error
  }
  throw new ApiError('bad_request', 'query.cursor: not a cursor this API returned');
}
