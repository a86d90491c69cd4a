import type { z } from 'zod';
import { eventSchema, type TacitEvent } from './event.ts';

/** One validation problem: where (a field path like `properties.chars`) and which rule. */
export interface FieldError {
  path: string;
  message: string;
}

/** Field errors as one line: `properties.chars: expected number, got string; ts: …`. */
export function errorText(errors: readonly FieldError[], prefix = ''): string {
  return errors.map((e) => `${prefix}${e.path}: ${e.message}`).join('; ');
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** `properties.messages[2].role` from zod's `['properties', 'messages', 2, 'role']`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

/** A message that names the rule and, for type errors, what was received. */
function messageOf(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, got ${describe(valueAt(input, issue.path))}`;
    case 'invalid_union':
      if (issue.discriminator !== undefined) {
        return `expected one of the event types, got ${JSON.stringify(valueAt(input, issue.path)) ?? 'nothing'}`;
      }
      return issue.message;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown keys: ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/** The value at a zod issue's path in the input (undefined where the path leads nowhere). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** A schema's own wording of some issues; undefined leaves an issue to the common wording. */
export type IssueMessage = (issue: z.core.$ZodIssue, input: unknown) => string | undefined;

/**
 * Turns a zod error into field errors, paths prefixed by `prefix` (e.g. `events[3]`); `own`
 * words the issues a schema says better itself.
 */
export function fieldErrors(
  error: z.ZodError,
  input: unknown,
  prefix = '',
  own?: IssueMessage,
): FieldError[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path, prefix),
    message: own?.(issue, input) ?? messageOf(issue, input),
  }));
}

/**
 * Validates one event. Expected failures are values, never exceptions. Error paths start with
 * `pathPrefix` (e.g. `events[3]` gives `events[3].properties.chars`).
 *
 * @example
 * const r = validateEvent(JSON.parse(line));
 * if (!r.ok) console.error(errorText(r.errors));
 */
export function validateEvent(input: unknown, pathPrefix = ''): Validation<TacitEvent> {
  const result = eventSchema.safeParse(input);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error, input, pathPrefix) };
  const nul = findNul(result.data);
  if (nul !== undefined) {
    return {
      ok: false,
      errors: [
        {
          path: formatPath(nul, pathPrefix),
          message: 'contains a NUL character (\\u0000), which text cannot hold',
        },
      ],
    };
  }
  return { ok: true, value: result.data };
}

/**
 * The path of the first string (value or key) in `value` holding U+0000, which PostgreSQL text
 * and jsonb refuse; undefined when there is none. Every edge checks it, so that such input is a
 * client error naming the field, never a failed write.
 */
export function findNul(value: unknown): PropertyKey[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  // The path is built only on the way back from a NUL: a clean event allocates nothing.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findNul(value[i]);
      if (p) {
        p.unshift(i);
        return p;
      }
    }
    return undefined;
  }
  for (const k in value) {
    if (k.includes('\u0000')) return [k];
    const p = findNul((value as Record<string, unknown>)[k]);
    if (p) {
      p.unshift(k);
      return p;
    }
  }
  return undefined;
}
