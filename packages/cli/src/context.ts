import { readFileSync } from 'node:fs';
import {
  builtinContext,
  errorText,
  isBuiltinContextName,
  parseContext,
  type ProductContext,
} from '@tacit/core';

/** A product context named on the command line: a built-in (`chat`, `code`, …) or a YAML/JSON file. */
export function loadContext(spec: string): ProductContext {
  if (isBuiltinContextName(spec)) return builtinContext(spec);
  const r = parseContext(readFileSync(spec, 'utf8'));
  if (!r.ok) throw new Error(`${spec}: ${errorText(r.errors)}`);
  return r.value;
}
