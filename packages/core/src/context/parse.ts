import { parse as parseYaml, YAMLParseError } from 'yaml';
import { fieldErrors, type Validation } from '../schema/validate.ts';
import { BUILTIN_CONTEXTS, builtinContext, isBuiltinContextName } from './defaults.ts';
import { productContextSchema, type ProductContext } from './schema.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `override` laid over `base`: objects merge key by key, anything else (arrays too) replaces. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = Object.hasOwn(base, key) ? deepMerge(base[key], override[key]) : override[key];
  }
  return out;
}

/**
 * Validates a product context given as a (parsed) object. It may be partial: it is laid over the
 * built-in context named by `extends` (default `chat`), then the whole is validated, so errors name
 * the field and the rule (`signals.immediate_undo.strength: expected number, got string`).
 *
 * @example
 * const r = resolveContext({ extends: 'support', version: 'acme-7', signals: { abandoned: { strength: 1 } } });
 * if (r.ok) labelSession(events, r.value, { now });
 */
export function resolveContext(input: unknown): Validation<ProductContext> {
  if (!isPlainObject(input)) {
    return { ok: false, errors: [{ path: '(root)', message: 'expected a mapping (object) of settings' }] };
  }
  const { extends: base = 'chat', ...rest } = input;
  if (typeof base !== 'string' || !isBuiltinContextName(base)) {
    return {
      ok: false,
      errors: [
        {
          path: 'extends',
          message: `expected one of ${BUILTIN_CONTEXTS.map((n) => JSON.stringify(n)).join(', ')}, got ${JSON.stringify(base)}`,
        },
      ],
    };
  }
  const merged = deepMerge(builtinContext(base), rest);
  const result = productContextSchema.safeParse(merged);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error, merged) };
}

/**
 * Parses and validates a product context file's text, YAML or JSON (JSON is YAML). Reading the
 * file is the caller's job: the core does no I/O.
 *
 * @example
 * const r = parseContext(readFileSync('tacit.context.yaml', 'utf8'));
 * if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
 */
export function parseContext(text: string): Validation<ProductContext> {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0];
      const at = where ? `line ${where.line}, column ${where.col}: ` : '';
      return { ok: false, errors: [{ path: '(root)', message: `${at}${err.message.split('\n')[0] ?? ''}` }] };
    }
    throw err;
  }
  return resolveContext(doc ?? {});
}
